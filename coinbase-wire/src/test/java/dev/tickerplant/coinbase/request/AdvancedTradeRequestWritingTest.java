package dev.tickerplant.coinbase.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tickerplant.testing.Fixtures;
import dev.tickerplant.testing.Json;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvancedTradeRequestWritingTest {

    @Test
    void subscribeWithoutTokenMatchesTheDocumentedRequest() {
        assertSameJson(Fixtures.bytes("advanced-trade/01-level2-doc.json"),
                AdvancedTradeRequest.subscribe("level2", List.of("ETH-USD", "ETH-EUR"), null).toJson());
    }

    @Test
    void subscribeWithTokenMatchesTheDocumentedRequest() {
        assertSameJson(Fixtures.bytes("advanced-trade/02-ticker-doc.json"),
                AdvancedTradeRequest.subscribe("ticker", List.of("ETH-USD", "BTC-USD"), "XYZ").toJson());
    }

    @Test
    void heartbeatsSubscribeHasNoProductIds() {
        assertSameJson(Fixtures.bytes("advanced-trade/03-heartbeats-doc.json"),
                AdvancedTradeRequest.subscribe("heartbeats", List.of(), "XYZ").toJson());
    }

    @Test
    void unsubscribeMatchesTheDocumentedRequest() {
        assertSameJson(Fixtures.bytes("advanced-trade/04-level2-doc.json"),
                AdvancedTradeRequest.unsubscribe("level2", List.of("ETH-USD", "ETH-EUR"), null).toJson());
    }

    @Test
    void theTwoFramesATickerClientSends() {
        List<byte[]> frames = Fixtures.frames("advanced-trade/05-ticker-capture.json");

        assertSameJson(frames.get(0),
                AdvancedTradeRequest.subscribe("ticker", List.of("SYM0-PERP-INTX", "SYM1-PERP-INTX"), null).toJson());
        assertSameJson(frames.get(1), AdvancedTradeRequest.subscribe("heartbeats", List.of(), null).toJson());
    }

    @Test
    void outputIsCompactWithTypeFirst() {
        assertEquals("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"],\"jwt\":\"a.b.c\"}",
                AdvancedTradeRequest.subscribe("ticker", List.of("BTC-USD"), "a.b.c").toJson());
        assertEquals("{\"type\":\"unsubscribe\",\"channel\":\"ticker\"}",
                AdvancedTradeRequest.unsubscribe("ticker", List.of(), null).toJson());
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"A\\\"B\"]}",
                AdvancedTradeRequest.subscribe("ticker", List.of("A\"B"), null).toJson());
    }

    @Test
    void invalidArgumentsAreRejectedWithTheOffendingValue() {
        assertEquals("channel: \"\" (expected: a non-blank name)", rejected(() ->
                AdvancedTradeRequest.subscribe("", List.of("BTC-USD"), null).toJson()));
        assertEquals("productIds[1]: \" \" (expected: a non-blank name)", rejected(() ->
                AdvancedTradeRequest.subscribe("ticker", List.of("BTC-USD", " "), null).toJson()));
        assertEquals("productIds[0]: null (expected: a non-blank name)", rejected(() ->
                AdvancedTradeRequest.subscribe("ticker", Arrays.asList((String) null), null)));
        assertEquals("productIds: null (expected: a list, possibly empty)", rejected(() ->
                AdvancedTradeRequest.unsubscribe("ticker", null, null).toJson()));
        assertEquals("jwt: \"\" (expected: a non-blank name)", rejected(() ->
                AdvancedTradeRequest.subscribe("ticker", List.of("BTC-USD"), "").toJson()));
        assertEquals("productIds: [BTC-USD] (expected: none for channel heartbeats, which is per connection)",
                rejected(() -> AdvancedTradeRequest.subscribe("heartbeats", List.of("BTC-USD"), null).toJson()));
    }

    static void assertSameJson(byte[] expected, String actual) {
        assertEquals(Json.parseExact(expected), Json.parseExact(actual), actual);
    }

    static String rejected(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }
}
