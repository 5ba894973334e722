package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.ingest.catalog.Product;
import dev.tickerplant.ingest.plan.ShardPlan;
import dev.tickerplant.ingest.plan.ShardPlanner;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.ingest.upstream.Backoff;
import dev.tickerplant.ingest.upstream.RateLimiter;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamOptions;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole path: simulator → upstream sessions → ring → market → fanout → a WebSocket client. */
@EndToEnd
class SimulatorEndToEndTest {

    private static boolean connectionStatus(Map<String, Object> message) {
        return "status".equals(message.get("type")) && "connection".equals(message.get("scope"));
    }

    @Test
    void ticksFlowFromTheSimulatorToClientsAndConnectionDropsAreReported() {
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(400).withSeed(11))) {
            List<Product> products = sim.catalog().products().stream()
                    .filter(p -> p.tickWeight() > 0 && p.alias().isEmpty())
                    .sorted(Comparator.comparing(dev.tickerplant.sim.market.Product::quoteVolume24h).reversed())
                    .limit(20)
                    .map(p -> new Product(p.id(), p.baseCurrency(), p.quoteCurrency(), true, true, "",
                            p.quoteVolume24h()))
                    .toList();
            ShardPlan plan = new ShardPlanner().plan(products, 10, Set.of());
            MarketState market = new MarketState(products.stream().map(Product::id).toList());
            TickRing ring = new TickRing(1 << 14, market, new DefaultThreadFactory("tick-consumer", true));
            ring.start();
            UpstreamConductor upstream = new UpstreamConductor(plan,
                    new UpstreamOptions(sim.advancedTradeUri(), CoinbaseProtocol.ADVANCED_TRADE, Duration.ofSeconds(10),
                            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(20),
                            Duration.ofSeconds(60), 1 << 20, Duration.ofSeconds(10)),
                    Optional.empty(), ring, new RateLimiter("connect", 8, System::nanoTime),
                    new RateLimiter("subscribe", 8, System::nanoTime),
                    Backoff.exponential(Duration.ofMillis(50), Duration.ofMillis(200), 2.0), () -> null, 1);
            FanoutServer server = new FanoutServer(FanoutOptions.defaults().withPort(0), market, upstream, null);
            try {
                server.start();
                upstream.start();
                await().atMost(WebSocketClient.WAIT)
                        .untilAsserted(() -> assertTrue(
                                server.upstreamAsPolled().stream().allMatch(ConnectionStatus::streaming),
                        () -> upstream.streamingCount() + " of 2 connections streaming"));
                try (WebSocketClient client = Harness.welcomed(server.port())) {
                    client.send("{\"type\":\"subscribe\",\"products\":[\"*\"],\"channels\":[\"ticker\",\"status\"],"
                            + "\"snapshot\":false}");
                    client.nextJson("subscriptions");
                    long previous = 0;
                    for (Map<String, Object> ticker : Harness.tickers(client, 50)) {
                        long seq = (Long) ticker.get("seq");
                        assertTrue(seq > previous, seq + " after " + previous);
                        previous = seq;
                        assertTrue(ticker.containsKey("volume_24_h"), ticker.toString());
                        assertTrue(((String) ticker.get("price")).matches("\\d+(\\.\\d+)?"), ticker.toString());
                    }
                    client.send("{\"type\":\"get_status\"}");
                    Map<String, Object> report = client.nextJson(m -> "status_report".equals(m.get("type")));
                    Map<String, Object> up = Json.map(report.get("upstream"));
                    assertEquals(2L, up.get("connections_streaming"));
                    assertEquals(20L, up.get("products_planned"));

                    UpstreamSession first = upstream.sessions().get(0);
                    first.forceReconnect("test: drop the connection");
                    Map<String, Object> stale = client.nextJson(SimulatorEndToEndTest::connectionStatus);
                    assertEquals(first.name(), stale.get("id"));
                    assertEquals("stale", stale.get("state"));
                    assertEquals(first.products(), stale.get("products"));
                    Map<String, Object> recovered = client.nextJson(SimulatorEndToEndTest::connectionStatus);
                    assertEquals(first.name(), recovered.get("id"));
                    assertEquals("recovered", recovered.get("state"));
                }
            } finally {
                server.close(Duration.ofSeconds(2));
                upstream.close(2000);
                ring.close();
            }
        }
    }
}
