package dev.tickerplant.coinbase.request;

import static dev.tickerplant.coinbase.request.AdvancedTradeRequestWritingTest.assertSameJson;
import static dev.tickerplant.coinbase.request.AdvancedTradeRequestWritingTest.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeRequestWritingTest {

    @Test
    void subscribeMatchesTheCapturedRequest() {
        assertSameJson(Fixtures.bytes("exchange/30-subscribe-capture.json"),
                ExchangeRequest.subscribe(List.of("SKL-USD", "SKL-BTC", "BAND-GBP", "NMR-EUR", "BAND-BTC",
                        "YFI-BTC", "DASH-BTC", "NU-GBP", "CRV-EUR", "SKL-GBP"), List.of("ticker")).toJson());
    }

    @Test
    void tickerBatchSubscribeMatchesTheDocumentedRequest() {
        assertSameJson(Fixtures.bytes("exchange/39-subscribe-doc.json"),
                ExchangeRequest.subscribe(List.of("ETH-USD", "BTC-USD"), List.of("ticker_batch")).toJson());
    }

    @Test
    void unsubscribeWithoutProductsLeavesTheWholeChannel() {
        assertSameJson(Fixtures.bytes("exchange/29-unsubscribe-doc.json"),
                ExchangeRequest.unsubscribe(List.of(), List.of("heartbeat")).toJson());
    }

    @Test
    void outputIsCompactWithPlainChannelNames() {
        assertEquals("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],"
                        + "\"channels\":[\"ticker\",\"heartbeat\"]}",
                ExchangeRequest.subscribe(List.of("BTC-USD", "ETH-USD"), List.of("ticker", "heartbeat")).toJson());
        assertEquals("{\"type\":\"unsubscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}",
                ExchangeRequest.unsubscribe(List.of("BTC-USD"), List.of("ticker")).toJson());
    }

    @Test
    void requestsTheServerWouldRefuseAreRejectedHere() {
        assertEquals("channels: [] (expected: at least one channel)",
                rejected(() -> ExchangeRequest.subscribe(List.of("BTC-USD"), List.of()).toJson()));
        assertEquals("channels: [] (expected: at least one channel)",
                rejected(() -> ExchangeRequest.unsubscribe(List.of(), List.of()).toJson()));
        assertEquals("productIds: [] (expected: at least one product id for channel heartbeat)",
                rejected(() -> ExchangeRequest.subscribe(List.of(), List.of("ticker", "heartbeat")).toJson()));
        assertEquals("channels[0]: \"\" (expected: a non-blank name)",
                rejected(() -> ExchangeRequest.subscribe(List.of("BTC-USD"), List.of("")).toJson()));
    }
}
