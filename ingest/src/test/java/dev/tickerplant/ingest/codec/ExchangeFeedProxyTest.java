package dev.tickerplant.ingest.codec;

import static dev.tickerplant.ingest.codec.AdvancedTradeProxyTest.assertSameJson;
import static dev.tickerplant.ingest.codec.AdvancedTradeProxyTest.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeFeedProxyTest {

    @Test
    void subscribeMatchesTheCapturedRequest() {
        assertSameJson(Fixtures.bytes("exchange/30-subscribe-capture.json"),
                ExchangeFeedProxy.subscribe(List.of("SKL-USD", "SKL-BTC", "BAND-GBP", "NMR-EUR", "BAND-BTC",
                        "YFI-BTC", "DASH-BTC", "NU-GBP", "CRV-EUR", "SKL-GBP"), List.of("ticker")));
    }

    @Test
    void tickerBatchSubscribeMatchesTheDocumentedRequest() {
        assertSameJson(Fixtures.bytes("exchange/39-subscribe-doc.json"),
                ExchangeFeedProxy.subscribe(List.of("ETH-USD", "BTC-USD"), List.of("ticker_batch")));
    }

    @Test
    void unsubscribeWithoutProductsLeavesTheWholeChannel() {
        assertSameJson(Fixtures.bytes("exchange/29-unsubscribe-doc.json"),
                ExchangeFeedProxy.unsubscribe(List.of(), List.of("heartbeat")));
    }

    @Test
    void outputIsCompactWithPlainChannelNames() {
        assertEquals("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],"
                        + "\"channels\":[\"ticker\",\"heartbeat\"]}",
                ExchangeFeedProxy.subscribe(List.of("BTC-USD", "ETH-USD"), List.of("ticker", "heartbeat")));
        assertEquals("{\"type\":\"unsubscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}",
                ExchangeFeedProxy.unsubscribe(List.of("BTC-USD"), List.of("ticker")));
    }

    @Test
    void requestsTheServerWouldRefuseAreRejectedHere() {
        assertEquals("channels: [] (expected: at least one channel)",
                rejected(() -> ExchangeFeedProxy.subscribe(List.of("BTC-USD"), List.of())));
        assertEquals("channels: [] (expected: at least one channel)",
                rejected(() -> ExchangeFeedProxy.unsubscribe(List.of(), List.of())));
        assertEquals("productIds: [] (expected: at least one product id for channel heartbeat)",
                rejected(() -> ExchangeFeedProxy.subscribe(List.of(), List.of("ticker", "heartbeat"))));
        assertEquals("channels[0]: \"\" (expected: a non-blank name)",
                rejected(() -> ExchangeFeedProxy.subscribe(List.of("BTC-USD"), List.of(""))));
    }
}
