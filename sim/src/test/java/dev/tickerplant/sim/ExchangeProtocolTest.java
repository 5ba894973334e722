package dev.tickerplant.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.market.Tick;
import dev.tickerplant.sim.testing.SimulatorFixture;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExchangeProtocolTest {

    @RegisterExtension
    static final SimulatorFixture SIM = SimulatorFixture.of(SimulatorOptions.defaults().withTickRate(500).withSeed(7)
            .withMaxConnectionsPerSecond(1_000).withMaxSubscribeMessagesPerSecond(1_000)
            .withTickerBatchInterval(Duration.ofMillis(300)).withControlPort(SimulatorOptions.DISABLED));

    private WebSocketClient connect() {
        return WebSocketClient.connect(SIM.get().exchangeUri());
    }

    private static Map<String, Object> channel(String name, List<String> ids) {
        Map<String, Object> channel = new HashMap<>();
        channel.put("name", name);
        channel.put("product_ids", ids);
        channel.put("account_ids", null);
        return channel;
    }

    @Test
    void subscribeAcksThenSendsTheLastTradeThenATickerPerTradeAndHeartbeats() {
        try (WebSocketClient client = connect()) {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],"
                    + "\"channels\":[\"ticker\",{\"name\":\"heartbeat\",\"product_ids\":[\"BTC-USD\"]}]}");
            Map<String, Object> ack = client.nextJson();
            assertEquals("subscriptions", ack.get("type"));
            assertEquals(List.of(channel("ticker", List.of("BTC-USD", "ETH-USD")), channel("heartbeat", List.of("BTC-USD"))),
                    ack.get("channels"));
            Map<String, Long> lastTradeId = new HashMap<>();
            Map<String, Long> lastSequence = new HashMap<>();
            int tickers = 0;
            boolean sawHeartbeat = false;
            while (tickers < 30 || !sawHeartbeat) {
                Map<String, Object> frame = client.nextJson();
                String product = (String) frame.get("product_id");
                if (frame.get("type").equals("heartbeat")) {
                    assertEquals("BTC-USD", product);
                    assertTrue((long) frame.get("last_trade_id") >= lastTradeId.getOrDefault(product, 0L));
                    sawHeartbeat = true;
                    continue;
                }
                assertEquals("ticker", frame.get("type"));
                assertTrue(Set.of("BTC-USD", "ETH-USD").contains(product));
                long tradeId = (long) frame.get("trade_id");
                long sequence = (long) frame.get("sequence");
                if (lastTradeId.containsKey(product)) {
                    assertEquals(lastTradeId.get(product) + 1, tradeId, "contiguous trade_id for " + product);
                    long step = sequence - lastSequence.get(product);
                    assertTrue(step >= 1 && step <= 50, "sequence advances with realistic gaps: " + step);
                }
                lastTradeId.put(product, tradeId);
                lastSequence.put(product, sequence);
                tickers++;
            }
            assertEquals(Set.of("BTC-USD", "ETH-USD"), lastTradeId.keySet(), "the first ticker of each product came at once");
        }
    }

    @Test
    void tickerBatchIsAckedAsTicker1000AndSendsChangedProducts() {
        try (WebSocketClient client = connect()) {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\",\"BTC-USD\"],\"channels\":[\"ticker_batch\"]}");
            assertEquals(List.of(channel("ticker_1000", List.of("ETH-USD", "BTC-USD"))), client.nextJson().get("channels"));
            client.nextJson();
            client.nextJson();
            Map<String, Object> batched = client.nextJson();
            assertEquals("ticker", batched.get("type"));
            Tick latest = SIM.get().latest().of((String) batched.get("product_id"));
            assertTrue((long) batched.get("trade_id") <= latest.tradeId());
        }
    }

    @Test
    void invalidSubscribesFailWithTheDocumentedReasonsAndChangeNothing() {
        try (WebSocketClient client = connect()) {
            assertFailure(client, "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[]}", "No channels provided");
            assertFailure(client, "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"]}", "No channels provided");
            assertFailure(client, "{\"type\":\"subscribe\",\"channels\":[\"heartbeat\"]}",
                    "You need to specify at least one product ID for channel heartbeat");
            assertFailure(client, "{\"type\":\"subscribe\",\"product_ids\":[\"NOPE-USD\"],\"channels\":[\"ticker\"]}",
                    "NOPE-USD is not a valid product");
            assertFailure(client, "{\"type\":\"subscribe\",\"product_ids\":[\"LOOM-USD\"],\"channels\":[\"ticker\"]}",
                    "LOOM-USD is delisted");
            assertFailure(client, "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"level2\"]}",
                    "level2, level3, and full channels now require authentication. https://docs.cloud.coinbase.com/exchange/docs/websocket-auth");
            assertFailure(client, "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],"
                    + "\"channels\":[\"ticker\",{\"name\":\"heartbeat\",\"product_ids\":[]}]}", " is not a valid product");
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"SOL-USD\"],\"channels\":[\"ticker\"]}");
            assertEquals(List.of(channel("ticker", List.of("SOL-USD"))), client.nextJson().get("channels"),
                    "the failed requests subscribed nothing");
        }
    }

    private static void assertFailure(WebSocketClient client, String request, String reason) {
        client.send(request);
        assertEquals(Map.of("type", "error", "message", "Failed to subscribe", "reason", reason), client.nextJson());
    }

    @Test
    void unsubscribeWithoutProductsRemovesTheWholeChannel() {
        try (WebSocketClient client = connect()) {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"heartbeat\",\"status\"]}");
            assertEquals(List.of(channel("heartbeat", List.of("BTC-USD")), channel("status", List.of())),
                    client.nextJson().get("channels"));
            client.send("{\"type\":\"unsubscribe\",\"channels\":[\"heartbeat\"]}");
            Map<String, Object> ack = client.nextJson(f -> f.get("type").equals("subscriptions"));
            assertEquals(List.of(channel("status", List.of())), ack.get("channels"));
        }
    }
}
