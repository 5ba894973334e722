package dev.tickerplant.health;

import static dev.tickerplant.testing.Json.list;
import static dev.tickerplant.testing.Json.map;
import static dev.tickerplant.testing.Json.value;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.sim.market.Product;
import dev.tickerplant.testing.EndToEnd;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /health, /api/upstream and /metrics over a real upstream conductor streaming from the embedded simulator. */
@EndToEnd
class SimulatorHealthTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private Simulator simulator;
    private HealthRig rig;

    @BeforeEach
    void startSimulator() {
        simulator = Simulator.start(SimulatorOptions.defaults().withControlPort(SimulatorOptions.DISABLED)
                .withTickRate(20).withSeed(7));
    }

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
        simulator.close();
    }

    @Test
    void readyWhileEveryConnectionStreamsThenDownWhenTheyAllDrop() {
        List<String> products = tradedUsdProducts(20);
        rig = HealthRig.live(products, 10, simulator.advancedTradeUri());
        rig.upstream.start();
        awaitHealth("ready with every product active",
                body -> "ready".equals(value(body, "status"))
                        && Long.valueOf(20).equals(value(body, "active_tickers")));

        HealthRig.Answer answer = rig.get("/health");
        assertEquals(200, answer.status());
        Map<String, Object> body = answer.json();
        assertEquals("2/2 connected", value(body, "connections"));
        assertEquals("100.0%", value(body, "coverage"));
        assertEquals(2L, value(body, "connections_streaming"));
        assertEquals(20L, value(body, "products_receiving"));
        assertEquals(20L, value(body, "products_planned"));
        assertEquals(1.0, value(body, "coverage_ratio"));
        assertEquals(0L, value(body, "stale_products", "count"));
        assertEquals(List.of(), value(body, "stale_products", "products"));
        for (Object connection : list(body, "upstream")) {
            assertEquals("streaming", value(connection, "state"));
            assertEquals(10L, value(connection, "products"));
            assertEquals(10L, value(connection, "acked"));
            assertEquals(10L, value(connection, "flowing"));
            assertTrue((Long) value(connection, "messages") >= 10, "snapshots, ack and heartbeats: " + connection);
            assertTrue((Long) value(connection, "tickers") >= 10, connection.toString());
            assertNotNull(value(connection, "last_frame_age_ms"));
            assertNotNull(value(connection, "uptime_s"));
        }
        assertTrue((Long) value(body, "ring", "published") >= 20);
        assertTrue((Long) value(body, "ring", "last_seq") >= 20);

        await("a ticker rate on every connection").atMost(DEADLINE).untilAsserted(() -> assertTrue(
                list(rig.json("/api/upstream"), "connections").stream()
                        .allMatch(c -> value(c, "tickers_per_s") instanceof Double rate && rate > 0),
                () -> rig.get("/api/upstream").body()));
        Map<String, Object> upstream = rig.json("/api/upstream");
        assertEquals(rig.plan.shards().get(0).productIds(), value(upstream, "connections", 0, "product_ids"));
        assertNull(value(upstream, "connections", 0, "last_close_reason"));

        ScrapedMetrics metrics = ScrapedMetrics.parse(rig.get("/metrics").body());
        assertEquals(1, metrics.value("tickerplant_health_status{status=\"ready\"}"));
        assertEquals(2, metrics.value("tickerplant_upstream_connections_streaming"));
        assertEquals(1, metrics.value("tickerplant_upstream_streaming{connection=\"conn-00\"}"));
        assertEquals(1, metrics.value("tickerplant_upstream_streaming{connection=\"conn-01\"}"));
        assertEquals(10, metrics.value("tickerplant_upstream_products_flowing{connection=\"conn-01\"}"));
        assertTrue(metrics.value("tickerplant_upstream_frames_total{connection=\"conn-00\"}") >= 10);
        assertTrue(metrics.value("tickerplant_upstream_last_frame_age_seconds{connection=\"conn-00\"}") < 10);
        assertEquals(1.0, metrics.value("tickerplant_coverage_ratio"));

        // Every reconnect is refused from now on, and the live sockets are reset: nothing can stream.
        simulator.faults().rejectNextConnections(100_000);
        simulator.faults().resetAll();
        // Down comes with the coverage; on a loaded machine the second socket's reset may not have been seen yet then.
        awaitHealth("down after the resets, both connections lost", body2 -> "down".equals(value(body2, "status"))
                && "0/2 connected".equals(value(body2, "connections")));

        HealthRig.Answer down = rig.get("/health");
        assertEquals(503, down.status());
        Map<String, Object> downBody = down.json();
        assertEquals("0/2 connected", value(downBody, "connections"));
        assertEquals("0.0%", value(downBody, "coverage"));
        assertEquals(20L, value(downBody, "stale_products", "count"));
        assertEquals(products.stream().sorted().toList(), value(downBody, "stale_products", "products"));
        assertEquals(20L, value(downBody, "active_tickers"), "products keep their last ticker");
        for (Object connection : list(downBody, "upstream")) {
            assertTrue((Long) value(connection, "reconnects") >= 1, connection.toString());
            assertNull(value(connection, "uptime_s"), "not streaming: " + connection);
        }
        assertNotNull(value(rig.json("/api/upstream"), "connections", 0, "last_close_reason"));
        ScrapedMetrics downMetrics = ScrapedMetrics.parse(rig.get("/metrics").body());
        assertEquals(1, downMetrics.value("tickerplant_health_status{status=\"down\"}"));
        assertTrue(downMetrics.value("tickerplant_upstream_reconnects_total{connection=\"conn-00\"}") >= 1);
    }

    @Test
    void aDeployIsCountedAsGoingAwayNotAsAFailure() {
        rig = HealthRig.live(tradedUsdProducts(4), 2, simulator.advancedTradeUri());
        rig.upstream.start();
        awaitHealth("ready", body -> "ready".equals(value(body, "status")));

        assertEquals(2, simulator.faults().closeAll(1001));

        awaitHealth("ready again after both connections went away once", body -> "ready".equals(value(body, "status"))
                && list(body, "upstream").stream().allMatch(c -> Long.valueOf(1).equals(value(c, "going_away"))));
        for (Object connection : list(rig.get("/health").json(), "upstream")) {
            assertEquals(0L, value(connection, "reconnects"), connection.toString());
        }
        ScrapedMetrics metrics = ScrapedMetrics.parse(rig.get("/metrics").body());
        assertEquals(1, metrics.value("tickerplant_upstream_going_away_total{connection=\"conn-00\"}"));
        assertEquals(1, metrics.value("tickerplant_upstream_going_away_total{connection=\"conn-01\"}"));
        assertEquals(0, metrics.value("tickerplant_upstream_reconnects_total{connection=\"conn-00\"}"));
    }

    @Test
    void degradedWhileSomeProductsNeverDeliver() {
        // The simulator leaves unknown products out of its ack: they are planned but can never flow.
        List<String> products = new ArrayList<>(tradedUsdProducts(18));
        products.add("NOPE-USD");
        products.add("ZZZ-USD");
        rig = HealthRig.live(products, 10, simulator.advancedTradeUri());
        rig.upstream.start();
        awaitHealth("both connections streaming with 18 products flowing",
                body -> Long.valueOf(2).equals(value(body, "connections_streaming"))
                        && Long.valueOf(18).equals(value(body, "products_receiving")));

        HealthRig.Answer answer = rig.get("/health");
        assertEquals(503, answer.status());
        Map<String, Object> body = answer.json();
        assertEquals("degraded", value(body, "status"));
        assertEquals("2/2 connected", value(body, "connections"));
        assertEquals("90.0%", value(body, "coverage"));
        assertEquals(0.9, value(body, "coverage_ratio"));
        assertEquals(Map.of("count", 2L, "products", List.of("NOPE-USD", "ZZZ-USD")), map(body, "stale_products"));
        long acked = 0;
        for (Object connection : list(body, "upstream")) {
            acked += (Long) value(connection, "acked");
        }
        assertEquals(18, acked, "the ack leaves the unknown products out");
    }

    @Test
    void oneRedundantLegDownCostsNoCoverage() {
        List<String> products = tradedUsdProducts(10);
        rig = HealthRig.live(products, 10, 2, simulator.advancedTradeUri());
        rig.upstream.start();
        awaitHealth("both legs streaming", body -> "2/2 connected".equals(value(body, "connections"))
                && Long.valueOf(10).equals(value(body, "products_receiving")));
        assertEquals(10L, value(rig.json("/health"), "products_planned"), "two legs carry one shard");

        // Leg connections from now on are refused; resetting one socket leaves its leg down, the other streaming.
        simulator.faults().rejectNextConnections(100_000);
        simulator.faults().resetConnection(simulator.connections().get(0).id());
        awaitHealth("one leg down", body -> "1/2 connected".equals(value(body, "connections")));

        HealthRig.Answer answer = rig.get("/health");
        assertEquals(200, answer.status());
        Map<String, Object> body = answer.json();
        assertEquals("ready", value(body, "status"));
        assertEquals("100.0%", value(body, "coverage"));
        assertEquals(Map.of("count", 0L, "products", List.of()), map(body, "stale_products"));
        List<Object> legs = list(rig.json("/api/upstream"), "connections");
        assertEquals(List.of("conn-00a", "conn-00b"), legs.stream().map(c -> value(c, "name")).toList());
        assertEquals(List.of(0L, 1L), legs.stream().map(c -> value(c, "leg")).toList());
        assertEquals(List.of(0L, 0L), legs.stream().map(c -> value(c, "shard")).toList());
    }

    @Test
    void downWhileNothingCanConnect() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        rig = HealthRig.live(tradedUsdProducts(4), 2, URI.create("ws://127.0.0.1:" + closedPort + "/"));
        rig.upstream.start();
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertTrue(rig.upstream.stats().stream().allMatch(s -> s.reconnects.sum() >= 1),
                        () -> "a failed connect on every connection; last seen: " + rig.get("/api/upstream").body()));

        HealthRig.Answer answer = rig.get("/health");
        assertEquals(503, answer.status());
        Map<String, Object> body = answer.json();
        assertEquals("down", value(body, "status"));
        assertEquals("0/2 connected", value(body, "connections"));
        assertEquals("0.0%", value(body, "coverage"));
        assertEquals(0L, value(body, "active_tickers"));
        Object reason = value(rig.json("/api/upstream"), "connections", 0, "last_close_reason");
        assertNotNull(reason);
        assertEquals(rig.upstream.stats().get(0).lastCloseReason(), reason);
    }

    private void awaitHealth(String what, java.util.function.Predicate<Map<String, Object>> condition) {
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertTrue(condition.test(rig.get("/health").json()),
                () -> what + "; last seen: " + (rig.get("/health").body())));
    }

    /** The simulator's busiest USD books that trade under their own id. */
    private List<String> tradedUsdProducts(int count) {
        return simulator.catalog().products().stream()
                .filter(p -> p.trades() && !p.isAlias() && "USD".equals(p.quoteCurrency())
                        && p.flags().online() && p.flags().tradable())
                .map(Product::id)
                .limit(count)
                .toList();
    }
}
