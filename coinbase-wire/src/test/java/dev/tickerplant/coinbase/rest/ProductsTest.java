package dev.tickerplant.coinbase.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickerplant.coinbase.message.JsonMessages;
import dev.tickerplant.testing.Fixtures;
import dev.tickerplant.testing.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REST product lists: what a server writes has the captured shape, and what a client reads of it. */
class ProductsTest {

    private static final AdvancedTradeProduct BTC_USD = new AdvancedTradeProduct("BTC-USD", "58382.78",
            "-4.23785541063979", "12900.84201012", "15.2934477676346", "0.00000001", "0.01", "1", "150000000",
            "0.00000001", "3400", "Bitcoin", "USDC", false, false, false, "online", false, false, false, false, false,
            "SPOT", "USD", "BTC", "", "", List.of("BTC-USDC"), "BTC", "USD", false, "0.01", "BTC-USD", "CBE",
            "753171939.43");

    private static final ExchangeProduct ADA_USD = new ExchangeProduct("ADA-USD", "ADA", "USD", "0.0001", "0.01",
            "ADA/USD", "5.0", false, false, false, false, "online", "", false, false, false, "0.10000000", "");

    @Test
    void anAdvancedTradeProductHasTheCapturedFieldsAndValueKinds() {
        Map<String, Object> captured = Json.object(Fixtures.text("rest/47-msg-capture.json"));
        Map<String, Object> written = Json.object(new String(
                JsonMessages.toBytes(json -> AdvancedTradeProducts.writeProduct(json, BTC_USD))));
        assertEquals(captured.keySet(), written.keySet());
        for (String key : captured.keySet()) {
            Object value = captured.get(key);
            assertEquals(value == null ? null : value.getClass(), written.get(key) == null ? null
                    : written.get(key).getClass(), key);
        }
    }

    @Test
    void aClientReadsBackTheScalarsOfAWrittenPage() throws WireFormatException {
        byte[] body = JsonMessages.toBytes(json -> AdvancedTradeProducts.writePage(json, List.of(BTC_USD), false, true));
        AdvancedTradeProducts.Page page = AdvancedTradeProducts.parsePage(body);
        assertFalse(page.hasNext());
        Map<String, String> product = page.products().get(0);
        assertEquals("BTC-USD", product.get(AdvancedTradeProducts.PRODUCT_ID));
        assertEquals("753171939.43", product.get(AdvancedTradeProducts.APPROXIMATE_QUOTE_24H_VOLUME));
        assertTrue(JsonDocument.flag(Map.of("x", "true"), "x"));
        assertFalse(JsonDocument.flag(product, AdvancedTradeProducts.TRADING_DISABLED));
        assertFalse(product.containsKey("fcm_trading_session_details"), "null counts as absent");
        assertFalse(product.containsKey("alias_to"), "arrays are not scalars");
        assertTrue(AdvancedTradeProducts.parsePage("{\"products\":[]}".getBytes()).hasNext(),
                "without pagination the short-page rule decides");
    }

    @Test
    void aMalformedPageSaysWhatWasFoundWhere() {
        assertEquals("\"products\" is a string at line 1 column 14 (expected an array)",
                assertThrows(WireFormatException.class,
                        () -> AdvancedTradeProducts.parsePage("{\"products\":\"x\"}".getBytes())).getMessage());
        assertEquals("the response has no \"products\" array", assertThrows(WireFormatException.class,
                () -> AdvancedTradeProducts.parsePage("{}".getBytes())).getMessage());
        assertEquals("the response is an object at line 1 column 2 (expected an array)",
                assertThrows(WireFormatException.class, () -> ExchangeProducts.parseProducts("{}".getBytes()))
                        .getMessage());
        assertEquals("the response is end of input at line 1 column 1 (expected an object)",
                assertThrows(WireFormatException.class, () -> AdvancedTradeProducts.parsePage(new byte[0]))
                        .getMessage());
        assertEquals("products[1] is a number (expected an object)", assertThrows(WireFormatException.class,
                () -> ExchangeProducts.parseProducts("[{\"id\":\"A-B\"},7]".getBytes())).getMessage());
        assertEquals("\"NEAR-USD\" is an array at line 1 column 14 (expected an object)",
                assertThrows(WireFormatException.class, () -> ExchangeProducts.parseStats(
                        "{\"NEAR-USD\":[]}".getBytes())).getMessage());
        assertEquals("unexpected content after the document at line 1 column 5",
                assertThrows(WireFormatException.class, () -> ExchangeProducts.parseProducts("[] []".getBytes()))
                        .getMessage());
        assertTrue(assertThrows(WireFormatException.class, () -> AdvancedTradeProducts.parsePage(
                "{\"products\":[{\"product_id\":\"BTC-USD\"".getBytes())).getMessage()
                .startsWith("Unexpected end-of-input"));
    }

    @Test
    void fieldsCoinbaseAddsAreIgnoredAndNumbersKeepTheirWrittenDigits() throws WireFormatException {
        AdvancedTradeProducts.Page page = AdvancedTradeProducts.parsePage(("{\"new_field\":{\"a\":[1]},"
                + "\"products\":[{\"product_id\":\"X-Y\",\"price\":5.10,\"volume_24h\":12345678901234567.123,"
                + "\"later\":[]}],\"pagination\":{\"has_next\":\"false\"}}").getBytes());
        assertEquals(Map.of("product_id", "X-Y", "price", "5.10", "volume_24h", "12345678901234567.123"),
                page.products().get(0));
        assertFalse(page.hasNext());
    }

    @Test
    void anExchangeProductReadsBackAsTheCapturedValues() throws WireFormatException {
        Map<String, Object> captured = Json.object(Fixtures.text("rest/48-msg-capture.json"));
        byte[] written = JsonMessages.toBytes(json -> {
            json.writeStartArray();
            ExchangeProducts.writeProduct(json, ADA_USD);
            json.writeEndArray();
        });
        Map<String, String> read = ExchangeProducts.parseProducts(written).get(0);
        for (String key : List.of("id", "base_currency", "quote_currency", "quote_increment", "base_increment",
                "display_name", "status", "trading_disabled", "cancel_only", "post_only", "limit_only")) {
            assertEquals(String.valueOf(captured.get(key)), read.get(key), key);
        }
    }

    @Test
    void statsAreReadPerProductAndWrittenInBothShapes() throws WireFormatException {
        Map<String, Map<String, String>> captured =
                ExchangeProducts.parseStats(Fixtures.bytes("rest/50-msg-capture.json"));
        assertEquals("1.847", captured.get("NEAR-USD").get("last"));
        assertEquals("2183324.5", captured.get("NEAR-USD").get("volume"));

        ExchangeStats stats = new ExchangeStats("1.8", "1.858", "1.786", "1.847", "2183324.5", "131512950.514");
        byte[] all = JsonMessages.toBytes((JsonGenerator json) -> {
            json.writeStartObject();
            ExchangeProducts.writeStatsEntry(json, "NEAR-USD", stats);
            json.writeEndObject();
        });
        Map<String, String> read = ExchangeProducts.parseStats(all).get("NEAR-USD");
        for (String key : List.of("open", "high", "low", "last", "volume")) {
            assertEquals(captured.get("NEAR-USD").get(key), read.get(key), key);
        }
        Map<String, Object> documented = Json.object(Fixtures.text("rest/49-msg-doc.json"));
        assertTrue(documented.keySet().containsAll(Json.object(new String(
                JsonMessages.toBytes(json -> ExchangeProducts.writeStats(json, stats)))).keySet()));
        assertEquals(Map.of("open", "1.8", "high", "1.858", "low", "1.786", "volume", "2183324.5", "last", "1.847",
                "volume_30day", "131512950.514"),
                Json.parseExact(JsonMessages.toBytes(json -> ExchangeProducts.writeStats(json, stats))));
    }
}
