package dev.tickerplant.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tickerplant.fanout.protocol.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestParsingTest {

    @Test
    void advancedTradeRequestsAsCoinbaseDocumentsAndClientsSendThem() throws RequestException {
        assertEquals(new AdvancedTradeRequest(true, "ticker", List.of("ETH-USD", "BTC-USD"), "XYZ"),
                at("{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\",\"BTC-USD\"],\"channel\":\"ticker\","
                        + "\"jwt\":\"XYZ\"}"));
        assertEquals(new AdvancedTradeRequest(true, "heartbeats", null, null),
                at("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}"));
        assertEquals(new AdvancedTradeRequest(false, "level2", List.of("ETH-USD", "ETH-EUR"), null),
                at("{\"type\":\"unsubscribe\",\"product_ids\":[\"ETH-USD\",\"ETH-EUR\"],\"channel\":\"level2\","
                        + "\"api_key\":\"legacy fields are ignored\"}"));
    }

    @Test
    void badAdvancedTradeRequestsSayWhatWasWrongAndWhatWasExpected() {
        assertEquals("missing field type: expected subscribe or unsubscribe",
                assertThrows(RequestException.class, () -> at("{\"channel\":\"ticker\"}")).getMessage());
        assertEquals("field channel: expected a string, got an array", assertThrows(RequestException.class,
                () -> at("{\"type\":\"subscribe\",\"channel\":[\"ticker\"]}")).getMessage());
        assertEquals("field product_ids: expected an array of strings such as [\"BTC-USD\"], got an element 7",
                assertThrows(RequestException.class,
                        () -> at("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[7]}")).getMessage());
        assertEquals("expected a JSON object, got an array",
                assertThrows(RequestException.class, () -> at("[]")).getMessage());
    }

    @Test
    void exchangeRequestsTakeChannelNamesAndObjectsAsTheDocumentationShows() throws RequestException {
        ExchangeRequest doc = ex(Fixtures.text("28-subscribe-doc.json"));
        assertEquals(new ExchangeRequest(true, List.of("ETH-USD", "ETH-EUR"), List.of(
                new ExchangeRequest.Channel("level2", null), new ExchangeRequest.Channel("heartbeat", null),
                new ExchangeRequest.Channel("ticker", List.of("ETH-BTC", "ETH-USD")))), doc);
        assertEquals(new ExchangeRequest(false, List.of(), List.of(new ExchangeRequest.Channel("ticker", null))),
                ex("{\"type\":\"unsubscribe\",\"channels\":[{\"name\":\"ticker\",\"product_ids\":null}]}"));
    }

    @Test
    void badExchangeRequestsSayWhatWasWrong() {
        assertEquals("type \"ping\" is not valid: expected subscribe or unsubscribe",
                assertThrows(RequestException.class, () -> ex("{\"type\":\"ping\"}")).getMessage());
        assertEquals("field channels: expected a channel name such as \"ticker\" or an object such as "
                + "{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}, got an object",
                assertThrows(RequestException.class, () -> ex("{\"type\":\"subscribe\",\"channels\":[{\"id\":1}]}"))
                        .getMessage());
    }

    private static AdvancedTradeRequest at(String json) throws RequestException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return AdvancedTradeRequest.parse(bytes, 0, bytes.length);
    }

    private static ExchangeRequest ex(String json) throws RequestException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return ExchangeRequest.parse(bytes, 0, bytes.length);
    }
}
