package dev.tickerplant.sim.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.testing.Fixtures;
import dev.tickerplant.testing.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestParsingTest {

    @Test
    void parsesTheDocumentedAdvancedTradeSubscribes() throws Exception {
        AdvancedTradeRequest ticker = AdvancedTradeRequest.parse(Fixtures.read("advanced-trade/02-ticker-doc.json"));
        assertEquals(new AdvancedTradeRequest(true, "ticker", List.of("ETH-USD", "BTC-USD"), "XYZ"), ticker);
        AdvancedTradeRequest heartbeats = AdvancedTradeRequest.parse(Fixtures.read("advanced-trade/03-heartbeats-doc.json"));
        assertNull(heartbeats.productIds());
        assertEquals("heartbeats", heartbeats.channel());
        List<Object> captured = Json.array(Fixtures.read("advanced-trade/05-ticker-capture.json"));
        assertEquals(new AdvancedTradeRequest(true, "ticker", List.of("SYM0-PERP-INTX", "SYM1-PERP-INTX"), null),
                AdvancedTradeRequest.parse(Json.write(captured.get(0))));
        assertEquals(new AdvancedTradeRequest(true, "heartbeats", null, null), AdvancedTradeRequest.parse(Json.write(captured.get(1))));
        AdvancedTradeRequest unsubscribe = AdvancedTradeRequest.parse(
                "{\"type\":\"unsubscribe\",\"channel\":\"ticker\",\"extra\":{\"a\":[1,2]}}");
        assertEquals(new AdvancedTradeRequest(false, "ticker", null, null), unsubscribe);
    }

    @Test
    void rejectsWhatIsNotASubscribeRequest() {
        assertEquals("request is not valid JSON",
                assertThrows(MalformedRequestException.class, () -> AdvancedTradeRequest.parse("{\"type\":")).getMessage());
        assertEquals("request is not a JSON object",
                assertThrows(MalformedRequestException.class, () -> AdvancedTradeRequest.parse("[1]")).getMessage());
        assertEquals("type: ping (expected: subscribe or unsubscribe)", assertThrows(MalformedRequestException.class,
                () -> AdvancedTradeRequest.parse("{\"type\":\"ping\",\"channel\":\"ticker\"}")).getMessage());
        assertEquals("product_ids element: VALUE_NUMBER_INT (expected: a string)", assertThrows(MalformedRequestException.class,
                () -> AdvancedTradeRequest.parse("{\"type\":\"subscribe\",\"product_ids\":[1]}")).getMessage());
    }

    @Test
    void parsesExchangeChannelsAsNamesAndObjects() throws Exception {
        ExchangeRequest doc = ExchangeRequest.parse(Fixtures.read("exchange/28-subscribe-doc.json"));
        assertEquals("subscribe", doc.type());
        assertEquals(List.of("ETH-USD", "ETH-EUR"), doc.productIds());
        assertEquals(List.of(new ExchangeRequest.Channel("level2", null), new ExchangeRequest.Channel("heartbeat", null),
                new ExchangeRequest.Channel("ticker", List.of("ETH-BTC", "ETH-USD"))), doc.channels());
        ExchangeRequest capture = ExchangeRequest.parse(Fixtures.read("exchange/30-subscribe-capture.json"));
        assertEquals(10, capture.productIds().size());
        assertEquals(List.of(new ExchangeRequest.Channel("ticker", null)), capture.channels());
        ExchangeRequest batch = ExchangeRequest.parse(Fixtures.read("exchange/39-subscribe-doc.json"));
        assertEquals(List.of(new ExchangeRequest.Channel("ticker_batch", null)), batch.channels());
        ExchangeRequest noChannels = ExchangeRequest.parse("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"]}");
        assertNull(noChannels.channels());
        assertTrue(ExchangeRequest.parse("{\"type\":\"unsubscribe\",\"channels\":[]}").channels().isEmpty());
    }
}
