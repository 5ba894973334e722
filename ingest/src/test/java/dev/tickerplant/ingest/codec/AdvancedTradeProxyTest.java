package dev.tickerplant.ingest.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvancedTradeProxyTest {

    @Test
    void subscribeWithoutTokenMatchesTheDocumentedRequest() {
        assertSameJson(Fixtures.bytes("advanced-trade/01-level2-doc.json"),
                AdvancedTradeProxy.subscribe("level2", List.of("ETH-USD", "ETH-EUR"), null));
    }

    @Test
    void subscribeWithTokenMatchesTheDocumentedRequest() {
        assertSameJson(Fixtures.bytes("advanced-trade/02-ticker-doc.json"),
                AdvancedTradeProxy.subscribe("ticker", List.of("ETH-USD", "BTC-USD"), "XYZ"));
    }

    @Test
    void heartbeatsSubscribeHasNoProductIds() {
        assertSameJson(Fixtures.bytes("advanced-trade/03-heartbeats-doc.json"),
                AdvancedTradeProxy.subscribe("heartbeats", List.of(), "XYZ"));
    }

    @Test
    void unsubscribeMatchesTheDocumentedRequest() {
        assertSameJson(Fixtures.bytes("advanced-trade/04-level2-doc.json"),
                AdvancedTradeProxy.unsubscribe("level2", List.of("ETH-USD", "ETH-EUR"), null));
    }

    @Test
    void theTwoFramesATickerClientSends() {
        List<byte[]> frames = Fixtures.frames("advanced-trade/05-ticker-capture.json");

        assertSameJson(frames.get(0),
                AdvancedTradeProxy.subscribe("ticker", List.of("SYM0-PERP-INTX", "SYM1-PERP-INTX"), null));
        assertSameJson(frames.get(1), AdvancedTradeProxy.subscribe("heartbeats", List.of(), null));
    }

    @Test
    void outputIsCompactWithTypeFirst() {
        assertEquals("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"],\"jwt\":\"a.b.c\"}",
                AdvancedTradeProxy.subscribe("ticker", List.of("BTC-USD"), "a.b.c"));
        assertEquals("{\"type\":\"unsubscribe\",\"channel\":\"ticker\"}",
                AdvancedTradeProxy.unsubscribe("ticker", List.of(), null));
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"A\\\"B\"]}",
                AdvancedTradeProxy.subscribe("ticker", List.of("A\"B"), null));
    }

    @Test
    void invalidArgumentsAreRejectedWithTheOffendingValue() {
        assertEquals("channel: \"\" (expected: a non-blank name)", rejected(() ->
                AdvancedTradeProxy.subscribe("", List.of("BTC-USD"), null)));
        assertEquals("productIds[1]: \" \" (expected: a non-blank name)", rejected(() ->
                AdvancedTradeProxy.subscribe("ticker", List.of("BTC-USD", " "), null)));
        assertEquals("productIds[0]: null (expected: a non-blank name)", rejected(() ->
                AdvancedTradeProxy.subscribe("ticker", Arrays.asList((String) null), null)));
        assertEquals("productIds: null (expected: a list, possibly empty)", rejected(() ->
                AdvancedTradeProxy.unsubscribe("ticker", null, null)));
        assertEquals("jwt: \"\" (expected: a non-blank name)", rejected(() ->
                AdvancedTradeProxy.subscribe("ticker", List.of("BTC-USD"), "")));
        assertEquals("productIds: [BTC-USD] (expected: none for channel heartbeats, which is per connection)",
                rejected(() -> AdvancedTradeProxy.subscribe("heartbeats", List.of("BTC-USD"), null)));
    }

    static void assertSameJson(byte[] expected, String actual) {
        assertEquals(JsonValues.parse(expected), JsonValues.parse(actual), actual);
    }

    static String rejected(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }
}
