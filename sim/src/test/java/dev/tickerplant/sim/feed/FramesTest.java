package dev.tickerplant.sim.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.market.Market;
import dev.tickerplant.sim.market.ProductCatalog;
import dev.tickerplant.sim.market.Tick;
import dev.tickerplant.sim.testing.Fixtures;
import dev.tickerplant.testing.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The encoders against real captured frames: same field names in the same order, same value types. */
class FramesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-09-05T22:10:29.562008293Z"), ZoneOffset.UTC);
    private final Market market = new Market(ProductCatalog.generate(1), 1, 0, 10, CLOCK, System::nanoTime);
    private final Tick btc = market.latest().of("BTC-USD");

    private static Map<String, Object> decode(ByteBuf buffer) {
        try {
            return Json.object(buffer.toString(StandardCharsets.UTF_8));
        } finally {
            buffer.release();
        }
    }

    private static List<String> keys(Object object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) object;
        return new ArrayList<>(map.keySet());
    }

    private static AdvancedTradeFrames advancedTrade(boolean omitClientId, boolean counterAsString) {
        return new AdvancedTradeFrames(omitClientId, counterAsString, CLOCK, UnpooledByteBufAllocator.DEFAULT);
    }

    @Test
    void advancedTradeTickerHasTheLiveCaptureShape() {
        Map<String, Object> capture = Json.object(Fixtures.read("advanced-trade/10-ticker-capture.json"));
        Map<String, Object> frame = decode(advancedTrade(true, false)
                .tickers("ticker", "update", 91, List.of(btc), true));
        assertEquals(keys(capture), keys(frame));
        assertEquals(keys(Json.at(capture, "events", 0)), keys(Json.at(frame, "events", 0)));
        assertEquals(keys(Json.at(capture, "events", 0, "tickers", 0)), keys(Json.at(frame, "events", 0, "tickers", 0)));
        assertEquals(91L, frame.get("sequence_num"));
        assertEquals("2026-09-05T22:10:29.562008293Z", frame.get("timestamp"));
        assertEquals("update", Json.at(frame, "events", 0, "type"));
        Map<String, Object> ticker = Json.at(frame, "events", 0, "tickers", 0);
        assertEquals("BTC-USD", ticker.get("product_id"));
        assertEquals(btc.price(), ticker.get("price"));
        assertEquals(btc.volume24h(), ticker.get("volume_24_h"));
        assertTrue(ticker.values().stream().allMatch(v -> v instanceof String), "every ticker value is a string");
    }

    @Test
    void advancedTradeSnapshotAndFirstAckHaveTheLiveCaptureShape() {
        Map<String, Object> capture = Json.object(Fixtures.read("advanced-trade/09-ticker-capture.json"));
        Map<String, Object> snapshot = decode(advancedTrade(true, false).tickers("ticker", "snapshot", 0, List.of(btc), true));
        assertEquals(keys(Json.at(capture, "events", 0, "tickers", 0)), keys(Json.at(snapshot, "events", 0, "tickers", 0)));
        Object capturedType = Json.at(capture, "events", 0, "type");
        assertEquals(capturedType, Json.at(snapshot, "events", 0, "type"));
        Map<String, Object> ackCapture = Json.object(Fixtures.read("advanced-trade/25-subscriptions-capture.json"));
        Map<String, Object> ack = decode(advancedTrade(true, false).subscriptions(2,
                Map.of("ticker", List.of("BTC-PERP-INTX", "ETH-PERP-INTX"))));
        assertEquals(keys(ackCapture), keys(ack));
        assertEquals(ackCapture.get("events"), ack.get("events"));
    }

    @Test
    void advancedTradeEnvelopeCarriesAnEmptyClientIdByDefault() {
        Map<String, Object> frame = decode(advancedTrade(false, false)
                .tickers("ticker", "snapshot", 0, List.of(btc), true));
        assertEquals(List.of("channel", "client_id", "timestamp", "sequence_num", "events"), keys(frame));
        assertEquals("", frame.get("client_id"));
    }

    @Test
    void tickerBatchLeavesOutBestBidAndAsk() {
        Map<String, Object> ticker = Json.at(decode(advancedTrade(false, false)
                .tickers("ticker_batch", "update", 3, List.of(btc), false)), "events", 0, "tickers", 0);
        assertEquals(List.of("type", "product_id", "price", "volume_24_h", "low_24_h", "high_24_h", "low_52_w",
                "high_52_w", "price_percent_chg_24_h"), keys(ticker));
    }

    @Test
    void heartbeatsAndAckHaveTheLiveCaptureShape() {
        Map<String, Object> heartbeatCapture = Json.object(Fixtures.read("advanced-trade/07-heartbeats-capture.json"));
        Map<String, Object> heartbeat = decode(advancedTrade(true, false)
                .heartbeats(4, 139651, "2026-09-05 22:10:30.25788961 +0000 UTC m=+139651.272674714"));
        assertEquals(heartbeatCapture.get("events"), heartbeat.get("events"));
        assertEquals(keys(heartbeatCapture), keys(heartbeat));
        Map<String, Object> asString = decode(advancedTrade(false, true).heartbeats(0, 7, "t"));
        assertEquals("7", Json.at(asString, "events", 0, "heartbeat_counter"));

        Map<String, Object> ackCapture = Json.object(Fixtures.read("advanced-trade/26-subscriptions-capture.json"));
        Map<String, List<String>> subscriptions = new LinkedHashMap<>();
        subscriptions.put("heartbeats", List.of("heartbeats"));
        subscriptions.put("ticker", List.of("BTC-PERP-INTX", "ETH-PERP-INTX"));
        Map<String, Object> ack = decode(advancedTrade(true, false).subscriptions(3, subscriptions));
        assertEquals(ackCapture.get("events"), ack.get("events"));
        assertEquals(ackCapture.get("sequence_num"), ack.get("sequence_num"));
        assertEquals("{}", Json.at(decode(advancedTrade(true, false).subscriptions(9, Map.of())), "events", 0,
                "subscriptions").toString());
    }

    @Test
    void advancedTradeErrorHasNoSequenceNumber() {
        assertEquals(Map.of("type", "error", "message", "authentication failure"),
                decode(advancedTrade(false, false).error("authentication failure")));
        ByteBuf malformed = advancedTrade(false, false).malformed();
        assertThrows(RuntimeException.class, () -> Json.parse(malformed.toString(StandardCharsets.UTF_8)));
        malformed.release();
    }

    @Test
    void exchangeTickerHasTheLiveCaptureShape() {
        ExchangeFrames frames = new ExchangeFrames(UnpooledByteBufAllocator.DEFAULT);
        Map<String, Object> capture = Json.object(Fixtures.read("exchange/37-ticker-capture.json"));
        Map<String, Object> ticker = decode(frames.ticker(btc));
        assertEquals(keys(capture), keys(ticker));
        assertTrue(ticker.get("sequence") instanceof Long && ticker.get("trade_id") instanceof Long);
        assertEquals(btc.tradeId(), ticker.get("trade_id"));
        assertTrue(((String) ticker.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
        assertTrue(List.of("buy", "sell").contains(ticker.get("side")));
    }

    @Test
    void exchangeHeartbeatAndAckHaveTheCapturedShape() {
        ExchangeFrames frames = new ExchangeFrames(UnpooledByteBufAllocator.DEFAULT);
        Map<String, Object> heartbeat = decode(frames.heartbeat(btc, CLOCK.instant()));
        assertEquals(keys(Json.object(Fixtures.read("exchange/35-heartbeat-capture.json"))), keys(heartbeat));
        assertEquals(btc.sequence(), heartbeat.get("sequence"));
        Map<String, Object> ackCapture = Json.object(Fixtures.read("exchange/33-subscriptions-capture.json"));
        assertEquals(ackCapture, decode(frames.subscriptions(Map.of("ticker_1000", List.of("BTC-USD")))));
        Map<String, Object> error = decode(frames.error("Failed to subscribe", "No channels provided"));
        assertEquals(List.of("type", "message", "reason"), keys(error));
        assertFalse(decode(frames.error("boom", null)).containsKey("reason"));
    }
}
