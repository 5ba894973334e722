package dev.tickerplant.coinbase.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests as a server reads them: the documented and captured ones, and what a bad one is told. */
class RequestParsingTest {

    @Test
    void advancedTradeRequestsAsCoinbaseDocumentsAndClientsSendThem() throws RequestException {
        assertEquals(new AdvancedTradeRequest(true, "ticker", List.of("ETH-USD", "BTC-USD"), "XYZ"),
                AdvancedTradeRequest.parse(Fixtures.text("advanced-trade/02-ticker-doc.json")));
        AdvancedTradeRequest heartbeats = AdvancedTradeRequest.parse(
                Fixtures.text("advanced-trade/03-heartbeats-doc.json"));
        assertEquals("heartbeats", heartbeats.channel());
        assertNull(heartbeats.productIds());
        List<byte[]> captured = Fixtures.frames("advanced-trade/05-ticker-capture.json");
        assertEquals(new AdvancedTradeRequest(true, "ticker", List.of("SYM0-PERP-INTX", "SYM1-PERP-INTX"), null),
                AdvancedTradeRequest.parse(captured.get(0), 0, captured.get(0).length));
        assertEquals(new AdvancedTradeRequest(true, "heartbeats", null, null),
                AdvancedTradeRequest.parse(captured.get(1), 0, captured.get(1).length));
        assertEquals(new AdvancedTradeRequest(false, "level2", List.of("ETH-USD", "ETH-EUR"), null),
                at("{\"type\":\"unsubscribe\",\"product_ids\":[\"ETH-USD\",\"ETH-EUR\"],\"channel\":\"level2\","
                        + "\"api_key\":\"legacy fields are ignored\",\"extra\":{\"a\":[1,2]}}"));
    }

    @Test
    void whatAClientWritesAServerReadsBack() throws RequestException {
        AdvancedTradeRequest sent = AdvancedTradeRequest.subscribe("ticker", List.of("BTC-USD"), "a.b.c");
        assertEquals(sent, AdvancedTradeRequest.parse(sent.toJson()));
        ExchangeRequest exchange = ExchangeRequest.subscribe(List.of("BTC-USD"), List.of("ticker", "heartbeat"));
        assertEquals(exchange, ExchangeRequest.parse(exchange.toJson()));
    }

    @Test
    void badAdvancedTradeRequestsSayWhatWasWrongAndWhatWasExpected() {
        assertEquals("missing field type: expected subscribe or unsubscribe",
                assertThrows(RequestException.class, () -> at("{\"channel\":\"ticker\"}")).getMessage());
        assertEquals("unknown type \"ping\": expected subscribe or unsubscribe",
                assertThrows(RequestException.class, () -> at("{\"type\":\"ping\",\"channel\":\"ticker\"}"))
                        .getMessage());
        assertEquals("field channel: expected a string, got an array", assertThrows(RequestException.class,
                () -> at("{\"type\":\"subscribe\",\"channel\":[\"ticker\"]}")).getMessage());
        assertEquals("field product_ids: expected an array of strings such as [\"BTC-USD\"], got an element 7",
                assertThrows(RequestException.class,
                        () -> at("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[7]}")).getMessage());
        assertEquals("expected a JSON object, got an array",
                assertThrows(RequestException.class, () -> at("[]")).getMessage());
        assertTrue(assertThrows(RequestException.class, () -> at("{\"type\":")).getMessage()
                .startsWith("invalid JSON: "));
    }

    @Test
    void nullIsNotAStringButNullIdsAreNone() throws RequestException {
        assertEquals("field channel: expected a string, got null", assertThrows(RequestException.class,
                () -> at("{\"type\":\"subscribe\",\"channel\":null}")).getMessage());
        assertNull(at("{\"type\":\"unsubscribe\",\"channel\":\"ticker\",\"product_ids\":null}").productIds());
    }

    @Test
    void requestsNestedDeeperThanEightLevelsAreRefusedAndOthersAreNot() throws RequestException {
        String eight = "{\"type\":\"subscribe\",\"channel\":\"ticker\",\"x\":" + "[".repeat(7) + "]".repeat(7) + "}";
        assertEquals("ticker", at(eight).channel());
        String nine = "{\"type\":\"subscribe\",\"x\":" + "[".repeat(8) + "]".repeat(8) + "}";
        assertEquals("expected JSON nested at most 8 levels deep",
                assertThrows(RequestException.class, () -> at(nine)).getMessage());
        assertEquals("expected JSON nested at most 8 levels deep",
                assertThrows(RequestException.class, () -> ex("[".repeat(10_000))).getMessage());
    }

    @Test
    void exchangeRequestsTakeChannelNamesAndObjectsAsTheDocumentationShows() throws RequestException {
        ExchangeRequest doc = ExchangeRequest.parse(Fixtures.text("exchange/28-subscribe-doc.json"));
        assertEquals(new ExchangeRequest("subscribe", List.of("ETH-USD", "ETH-EUR"), List.of(
                new ExchangeRequest.Channel("level2", null), new ExchangeRequest.Channel("heartbeat", null),
                new ExchangeRequest.Channel("ticker", List.of("ETH-BTC", "ETH-USD")))), doc);
        assertTrue(doc.subscribe());
        ExchangeRequest capture = ExchangeRequest.parse(Fixtures.text("exchange/30-subscribe-capture.json"));
        assertEquals(10, capture.productIds().size());
        assertEquals(List.of(new ExchangeRequest.Channel("ticker", null)), capture.channels());
        assertEquals(List.of(new ExchangeRequest.Channel("ticker_batch", null)),
                ExchangeRequest.parse(Fixtures.text("exchange/39-subscribe-doc.json")).channels());
        ExchangeRequest unsubscribe = ex("{\"type\":\"unsubscribe\",\"channels\":[{\"name\":\"ticker\",\"product_ids\":null}]}");
        assertEquals(new ExchangeRequest("unsubscribe", List.of(), List.of(new ExchangeRequest.Channel("ticker", null))),
                unsubscribe);
        assertTrue(unsubscribe.unsubscribe());
        assertTrue(ex("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"]}").channels().isEmpty());
    }

    @Test
    void anExchangeTypeIsTheServersToJudge() throws RequestException {
        ExchangeRequest ping = ex("{\"type\":\"ping\",\"channels\":[\"ticker\"]}");
        assertEquals("ping", ping.type());
        assertFalse(ping.subscribe() || ping.unsubscribe());
        assertEquals("type \"ping\" is not valid: expected subscribe or unsubscribe",
                assertThrows(RequestException.class, ping::requireKnownType).getMessage());
        assertEquals("missing field type: expected subscribe or unsubscribe",
                assertThrows(RequestException.class, () -> ex("{\"channels\":[]}").requireKnownType()).getMessage());
    }

    @Test
    void badExchangeRequestsSayWhatWasWrong() {
        assertEquals("field channels: expected a channel name such as \"ticker\" or an object such as "
                + "{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}, got an object",
                assertThrows(RequestException.class, () -> ex("{\"type\":\"subscribe\",\"channels\":[{\"id\":1}]}"))
                        .getMessage());
        assertEquals("field channels: expected an array of a channel name such as \"ticker\" or an object such as "
                + "{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}, got \"ticker\"",
                assertThrows(RequestException.class, () -> ex("{\"type\":\"subscribe\",\"channels\":\"ticker\"}"))
                        .getMessage());
    }

    private static AdvancedTradeRequest at(String json) throws RequestException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return AdvancedTradeRequest.parse(bytes, 0, bytes.length);
    }

    private static ExchangeRequest ex(String json) throws RequestException {
        return ExchangeRequest.parse(json);
    }
}
