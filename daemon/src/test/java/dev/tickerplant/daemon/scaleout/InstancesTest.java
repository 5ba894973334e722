package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.WebSocketClient;
import dev.tickerplant.testing.nats.NatsServerProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --instance i/N}: each ingest node opens only its share of the shards; together they cover every product. An
 * ingest node serves /health, /metrics and the admin API only; the fanout node the subscribers' side.
 */
class InstancesTest {
    private static final String ADMIN_TOKEN = "admin-token-for-instances-0123456789";

    @TempDir
    Path dir;

    @Test
    void twoInstancesSplitTheProductsWithoutOverlapAndTheFanoutGetsThemAll() {
        try (NatsServerProcess nats = NatsServerProcess.start("instances");
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(200).withSeed(3));
             ScaleOutRig rig = new ScaleOutRig(sim, nats.clientUrl(), dir)) {
            Daemon fanout = rig.fanout("fanout-1");
            Daemon one = rig.ingest("ingest-1", "--instance", "1/2", "--admin-token", ADMIN_TOKEN);
            Daemon two = rig.ingest("ingest-2", "--instance", "2/2");
            Set<String> first = products(one);
            Set<String> second = products(two);

            assertFalse(first.isEmpty() || second.isEmpty(), first + " / " + second);
            assertTrue(first.stream().noneMatch(second::contains), "no product on both: " + first + " / " + second);
            Set<String> all = new HashSet<>(first);
            all.addAll(second);
            assertEquals(ScaleOutRig.PRODUCTS, all.size(), "the two shares make up the selection: " + all);
            assertEquals(one.upstream().sessions().size(), one.plan().shards().size(), "only its own shards");

            ScaleOutRig.awaitStreaming(one);
            ScaleOutRig.awaitStreaming(two);
            try (TickCollector subscriber = TickCollector.subscribe(fanout.fanout().port(), null)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(all,
                        subscriber.received().stream().map(TickCollector.Received::product)
                                .collect(Collectors.toSet())));
            }
            assertIngestServesHealthMetricsAndAdminOnly(one);
            assertFanoutServesTheApiAndTheCompatEndpoints(fanout, all);
        }
    }

    /** /health, /health/live, /metrics and the admin API; 404 for /api/* and every subscriber endpoint. */
    private static void assertIngestServesHealthMetricsAndAdminOnly(Daemon ingest) {
        int port = ingest.httpPort();
        HttpResponse<String> health = Http.get(port, "/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"role\":\"publisher\""), health.body());
        assertEquals(200, Http.get(port, "/health/live").statusCode());
        HttpResponse<String> metrics = Http.get(port, "/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("tickerplant_products_planned"), metrics.body());
        try (Http.RawResponse admin = Http.raw(port, "GET", "/admin/products",
                "Authorization: Bearer " + ADMIN_TOKEN)) {
            assertEquals(200, admin.status(), admin.body());
            assertTrue(admin.body().contains("\"products\""), admin.body());
        }
        for (String path : List.of("/api/tickers", "/api/tickers/BTC-USD", "/api/upstream", "/api/connections",
                "/ws", "/socket.io/?EIO=4&transport=polling", "/coinbase/advanced-trade", "/coinbase/exchange")) {
            HttpResponse<String> answer = Http.get(port, path);
            assertEquals(404, answer.statusCode(), () -> "an ingest node on " + path + ": " + answer.body());
        }
        try (WebSocketClient upgrade = WebSocketClient.to(port, "/coinbase/exchange").readOnDemand().upgrade()) {
            assertEquals(404, upgrade.status(), "no compat endpoint on an ingest node");
        }
    }

    /** What the ingest nodes do not serve, a fanout node does: the ticker API and the Coinbase-compatible feeds. */
    private static void assertFanoutServesTheApiAndTheCompatEndpoints(Daemon fanout, Set<String> products) {
        int port = fanout.fanout().port();
        HttpResponse<String> tickers = Http.get(port, "/api/tickers");
        assertEquals(200, tickers.statusCode(), tickers.body());
        products.forEach(p -> assertTrue(tickers.body().contains("\"" + p + "\""), () -> p + " in " + tickers.body()));
        String product = products.iterator().next();
        assertEquals(200, Http.get(port, "/api/tickers/" + product).statusCode());
        try (WebSocketClient exchange = WebSocketClient.connect(port, "/coinbase/exchange")) {
            exchange.send("{\"type\":\"subscribe\",\"product_ids\":[\"" + product + "\"],\"channels\":[\"ticker\"]}");
            assertTrue(exchange.next().contains("\"type\":\"subscriptions\""), "the Exchange feed acks");
            String ticker = exchange.next();
            assertTrue(ticker.contains("\"type\":\"ticker\"") && ticker.contains(product), ticker);
        }
    }

    private static Set<String> products(Daemon ingest) {
        return ingest.plan().shards().stream().flatMap(s -> s.productIds().stream()).collect(Collectors.toSet());
    }
}
