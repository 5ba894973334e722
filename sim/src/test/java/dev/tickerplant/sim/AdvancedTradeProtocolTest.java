package dev.tickerplant.sim;

import static dev.tickerplant.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.testing.SimulatorFixture;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdvancedTradeProtocolTest {

    private static final String TICKER_BTC_ETH = "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"ticker\"}";
    private static final String HEARTBEATS = "{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}";

    @RegisterExtension
    static final SimulatorFixture SIM = SimulatorFixture.of(SimulatorOptions.defaults().withTickRate(500).withSeed(42)
            .withMaxConnectionsPerSecond(1_000).withMaxSubscribeMessagesPerSecond(1_000)
            .withTickerBatchInterval(Duration.ofMillis(300)).withControlPort(SimulatorOptions.DISABLED));

    private WebSocketClient connect() {
        return WebSocketClient.connect(SIM.get().advancedTradeUri());
    }

    private static boolean isChannel(Map<String, Object> frame, String channel) {
        return channel.equals(frame.get("channel"));
    }

    @Test
    void subscribeSendsOneSnapshotPerProductThenTheAckThenUpdatesWithContiguousSequenceNumbers() {
        try (WebSocketClient client = connect()) {
            client.send(TICKER_BTC_ETH);
            Set<String> snapshotProducts = new HashSet<>();
            for (long seq = 0; seq < 2; seq++) {
                Map<String, Object> snapshot = client.nextJson();
                assertEquals("ticker", snapshot.get("channel"));
                assertEquals("", snapshot.get("client_id"));
                assertEquals(seq, snapshot.get("sequence_num"));
                assertEquals("snapshot", at(snapshot, "events", 0, "type"));
                List<Object> tickers = at(snapshot, "events", 0, "tickers");
                assertEquals(1, tickers.size(), "one product per snapshot frame");
                snapshotProducts.add(at(snapshot, "events", 0, "tickers", 0, "product_id"));
                assertTrue(((String) snapshot.get("timestamp")).matches(".*T.*\\.\\d{9}Z"), (String) snapshot.get("timestamp"));
            }
            assertEquals(Set.of("BTC-USD", "ETH-USD"), snapshotProducts);
            Map<String, Object> ack = client.nextJson();
            assertEquals("subscriptions", ack.get("channel"));
            assertEquals(2L, ack.get("sequence_num"));
            assertEquals(Map.of("ticker", List.of("BTC-USD", "ETH-USD")), at(ack, "events", 0, "subscriptions"));
            for (long seq = 3; seq < 23; seq++) {
                Map<String, Object> update = client.nextJson();
                assertEquals(seq, update.get("sequence_num"), "contiguous sequence_num");
                assertEquals("update", at(update, "events", 0, "type"));
                assertTrue(snapshotProducts.contains((String) at(update, "events", 0, "tickers", 0, "product_id")));
                assertTrue(((Map<?, ?>) at(update, "events", 0, "tickers", 0)).containsKey("best_bid_quantity"));
            }
        }
    }

    @Test
    void ackListsTheWholeSubscriptionSetAfterEverySubscribeAndUnsubscribe() {
        try (WebSocketClient client = connect()) {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"SOL-USD\"],\"channel\":\"ticker\"}");
            assertEquals(Map.of("ticker", List.of("SOL-USD")), ackOf(client));
            client.send(HEARTBEATS);
            assertEquals(Map.of("ticker", List.of("SOL-USD"), "heartbeats", List.of("heartbeats")), ackOf(client));
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"XRP-USD\"],\"channel\":\"ticker\"}");
            assertEquals(Map.of("ticker", List.of("SOL-USD", "XRP-USD"), "heartbeats", List.of("heartbeats")), ackOf(client));
            client.send("{\"type\":\"unsubscribe\",\"product_ids\":[\"SOL-USD\"],\"channel\":\"ticker\"}");
            assertEquals(Map.of("ticker", List.of("XRP-USD"), "heartbeats", List.of("heartbeats")), ackOf(client));
            client.send("{\"type\":\"unsubscribe\",\"channel\":\"ticker\"}");
            assertEquals(Map.of("heartbeats", List.of("heartbeats")), ackOf(client));
            client.send("{\"type\":\"unsubscribe\",\"channel\":\"heartbeats\"}");
            assertEquals(Map.of(), ackOf(client));
        }
    }

    private static Map<String, Object> ackOf(WebSocketClient client) {
        return at(client.nextJson(f -> isChannel(f, "subscriptions")), "events", 0, "subscriptions");
    }

    @Test
    void unknownChannelOrBadJwtIsAnAuthenticationFailureAndTheConnectionStaysUsable() {
        try (WebSocketClient client = connect()) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"heartbeat\"}");
            Map<String, Object> error = client.nextJson();
            assertEquals(Map.of("type", "error", "message", "authentication failure"), error);
            client.send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\",\"jwt\":\"not-a-jwt\"}");
            assertEquals("authentication failure", client.nextJson().get("message"));
            client.send("{\"type\":\"subscribe\",\"channel\":\"user\"}");
            assertEquals("authentication failure", client.nextJson().get("message"), "private channel without a JWT");
            client.send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\",\"jwt\":\"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJrIn0.c2ln\"}");
            Map<String, Object> ack = client.nextJson();
            assertEquals(0L, ack.get("sequence_num"), "errors consume no sequence number");
            assertEquals(Map.of("heartbeats", List.of("heartbeats")), at(ack, "events", 0, "subscriptions"));
        }
    }

    @Test
    void unknownAndDelistedProductsAreSilentlyLeftOutOfTheAck() {
        try (WebSocketClient client = connect()) {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"NOPE-USD\",\"ETH-USD\",\"LOOM-USD\"],\"channel\":\"ticker\"}");
            Map<String, Object> snapshot = client.nextJson();
            assertEquals("ETH-USD", at(snapshot, "events", 0, "tickers", 0, "product_id"));
            Map<String, Object> ack = client.nextJson();
            assertEquals(Map.of("ticker", List.of("ETH-USD")), at(ack, "events", 0, "subscriptions"));
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"NOPE-USD\"],\"channel\":\"level2\"}");
            assertEquals(Map.of("ticker", List.of("ETH-USD")), ackOf(client), "no error, nothing added");
        }
    }

    @Test
    void usdcAliasIsAckedAsRequestedAndStreamsTheUsdBook() {
        try (WebSocketClient client = connect()) {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USDC\"],\"channel\":\"ticker\"}");
            assertEquals("BTC-USD", at(client.nextJson(), "events", 0, "tickers", 0, "product_id"));
            assertEquals(Map.of("ticker", List.of("BTC-USDC")), at(client.nextJson(), "events", 0, "subscriptions"));
            Map<String, Object> update = client.nextJson(f -> isChannel(f, "ticker"));
            assertEquals("BTC-USD", at(update, "events", 0, "tickers", 0, "product_id"));
            assertEquals(SIM.get().catalog().require("BTC-USDC").dataSourceIndex(), SIM.get().catalog().require("BTC-USD").index());
        }
    }

    @Test
    void heartbeatsArriveOncePerSecondWithAnAdvancingCounter() {
        try (WebSocketClient client = connect()) {
            client.send(HEARTBEATS);
            assertEquals("subscriptions", client.nextJson().get("channel"));
            long start = System.nanoTime();
            Long previousCounter = null;
            long previousSeq = 0;
            for (int i = 0; i < 3; i++) {
                Map<String, Object> beat = client.nextJson();
                assertEquals("heartbeats", beat.get("channel"));
                long counter = at(beat, "events", 0, "heartbeat_counter");
                assertTrue(((String) at(beat, "events", 0, "current_time"))
                        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})? \\+0000 UTC m=\\+\\d+\\.\\d{9}"));
                if (previousCounter != null) {
                    assertEquals(previousCounter + 1, counter, "one beat per second");
                    assertEquals(previousSeq + 1, (long) beat.get("sequence_num"));
                }
                previousCounter = counter;
                previousSeq = (long) beat.get("sequence_num");
            }
            // Not faster than one a second; the upper bound only catches a much longer period, as a busy machine may
            // run the beats late.
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds > 1.5 && seconds < 10, "three heartbeats took " + seconds + " s");
        }
    }

    @Test
    void tickerBatchSendsChangedProductsWithoutBestBidAndAsk() {
        try (WebSocketClient client = connect()) {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"ticker_batch\"}");
            Map<String, Object> snapshot = client.nextJson();
            assertEquals("ticker_batch", snapshot.get("channel"));
            assertEquals("snapshot", at(snapshot, "events", 0, "type"));
            client.nextJson();
            assertEquals(Map.of("ticker_batch", List.of("BTC-USD", "ETH-USD")), ackOf(client));
            long previousSeq = 2;
            for (int i = 0; i < 2; i++) {
                Map<String, Object> batch = client.nextJson();
                assertEquals("ticker_batch", batch.get("channel"));
                assertEquals(previousSeq + 1, (long) batch.get("sequence_num"));
                previousSeq = (long) batch.get("sequence_num");
                List<Map<String, Object>> tickers = at(batch, "events", 0, "tickers");
                assertFalse(tickers.isEmpty());
                Set<Object> products = new HashSet<>();
                for (Map<String, Object> ticker : tickers) {
                    assertFalse(ticker.containsKey("best_bid"), "no best bid in ticker_batch");
                    assertTrue(products.add(ticker.get("product_id")), "one entry per product");
                    assertEquals(SIM.get().latest().of((String) ticker.get("product_id")).productId(), ticker.get("product_id"));
                }
            }
        }
    }

    @Test
    void optionalQuirksOmitClientIdAndSendTheCounterAsAString() {
        try (Simulator quirky = Simulator.start(SimulatorOptions.defaults().withTickRate(0).withOmitClientId(true)
                .withHeartbeatCounterAsString(true).withHeartbeatInterval(Duration.ofMillis(100))
                .withControlPort(SimulatorOptions.DISABLED));
             WebSocketClient client = WebSocketClient.connect(quirky.advancedTradeUri())) {
            client.send(HEARTBEATS);
            Map<String, Object> ack = client.nextJson();
            assertFalse(ack.containsKey("client_id"));
            Map<String, Object> beat = client.nextJson();
            assertTrue(at(beat, "events", 0, "heartbeat_counter") instanceof String);
            assertNull(beat.get("client_id"));
        }
    }
}
