package dev.tickerplant.health;

import static dev.tickerplant.testing.Json.list;
import static dev.tickerplant.testing.Json.value;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.sim.feed.FaultTarget;
import dev.tickerplant.sim.market.Product;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-leg wins, losses and lag in /health and /metrics with redundancy 2; nothing of it with one leg. */
class LegFiguresTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private Simulator simulator;
    private HealthRig rig;

    @BeforeEach
    void startSimulator() {
        simulator = Simulator.start(SimulatorOptions.defaults().withControlPort(SimulatorOptions.DISABLED)
                .withTickRate(300).withSeed(3));
    }

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
        simulator.close();
    }

    @Test
    void bothLegsReportTheirWinsLossesAndLagAndTheyAddUpToTheRing() {
        rig = HealthRig.live(tradedUsdProducts(6), 6, 2, simulator.advancedTradeUri());
        // The daemon passes the legs' lag recorders as latencies when redundancy > 1; so does this test.
        HealthRoutes routes = new HealthRoutes(new HealthSources(rig.market, rig.upstream, rig.ring, null,
                List.of(rig.market.legLag(0), rig.market.legLag(1)), HealthThresholds.defaults(), HealthRig.VERSION,
                System.nanoTime(), System::nanoTime, System::currentTimeMillis));
        rig.upstream.start();
        await().atMost(DEADLINE).untilAsserted(() -> assertTrue(rig.market.legWins(0) > 0 && rig.market.legWins(1) > 0
                && rig.market.legLosses(0) > 0 && rig.market.legLosses(1) > 0,
                () -> "both legs winning and losing some ticks; last seen: " + get(routes, "/health").body()));
        simulator.pauseTicks();
        // A malformed frame on every connection, written after every tick it carried: once the daemon has counted
        // it on each leg, both legs' ticks are all in, whatever the machine's pace.
        simulator.faults().sendMalformed(FaultTarget.all(), 1);
        await("every leg past its last tick and the ring drained").atMost(DEADLINE).until(() ->
                rig.upstream.stats().stream().allMatch(leg -> leg.malformedFrames.sum() > 0)
                        && rig.market.accepted() + rig.market.duplicates() == rig.ring.published());

        Map<String, Object> body = get(routes, "/health").json();
        List<Object> legs = list(body, "legs");
        assertEquals(List.of("a", "b"), legs.stream().map(l -> value(l, "leg")).toList());
        long wins = 0;
        long losses = 0;
        for (Object leg : legs) {
            assertEquals(1L, value(leg, "connections_streaming"), leg.toString());
            assertEquals(1L, value(leg, "connections_total"), leg.toString());
            wins += (Long) value(leg, "wins");
            losses += (Long) value(leg, "losses");
            assertTrue((Long) value(leg, "lag_ms", "count") > 0, "lag of the losing copies: " + leg);
            assertNotNull(value(leg, "lag_ms", "p99"), leg.toString());
            assertTrue((Double) value(leg, "lag_ms", "max") >= (Double) value(leg, "lag_ms", "p50"), leg.toString());
        }
        assertEquals(value(body, "ring", "accepted"), wins, "every accepted tick was won by one leg");
        assertEquals(value(body, "ring", "duplicates"), losses, "every duplicate was lost by one leg");

        ScrapedMetrics metrics = ScrapedMetrics.parse(get(routes, "/metrics").body());
        assertEquals(value(legs.get(0), "wins"), (long) metrics.value("tickerplant_leg_wins_total{leg=\"a\"}"));
        assertEquals(value(legs.get(1), "wins"), (long) metrics.value("tickerplant_leg_wins_total{leg=\"b\"}"));
        assertEquals(value(legs.get(0), "losses"), (long) metrics.value("tickerplant_leg_losses_total{leg=\"a\"}"));
        assertEquals(value(legs.get(1), "losses"), (long) metrics.value("tickerplant_leg_losses_total{leg=\"b\"}"));
        assertEquals(1, metrics.value("tickerplant_leg_connections_streaming{leg=\"b\"}"));
        assertEquals("counter", metrics.types().get("tickerplant_leg_wins_total"));
        assertEquals(value(legs.get(0), "lag_ms", "count"),
                (long) metrics.value("tickerplant_leg_a_lag_seconds_count"));
        assertTrue(metrics.value("tickerplant_leg_b_lag_seconds_count") > 0);
    }

    @Test
    void aLegThatIsDownShowsInItsFiguresWhileTheOtherKeepsWinning() {
        rig = HealthRig.live(tradedUsdProducts(6), 6, 2, simulator.advancedTradeUri());
        rig.upstream.start();
        await("both legs streaming").atMost(DEADLINE).until(() -> rig.upstream.streamingCount() == 2);

        simulator.faults().rejectNextConnections(100_000);
        String legA = rig.upstream.sessions().get(0).stats().localAddress();
        simulator.connections().stream().filter(c -> c.remoteAddress().equals(legA)).findFirst()
                .ifPresent(c -> simulator.faults().resetConnection(c.id()));
        await("leg a down").atMost(DEADLINE).until(() -> !rig.upstream.sessions().get(0).stats().streaming());
        long winsOfB = rig.market.legWins(1);
        await("leg b keeps delivering").atMost(DEADLINE).until(() -> rig.market.legWins(1) > winsOfB + 20);

        Map<String, Object> body = rig.json("/health");
        assertEquals(0L, value(body, "legs", 0, "connections_streaming"));
        assertEquals(1L, value(body, "legs", 1, "connections_streaming"));
        assertEquals("ready", value(body, "status"), "one leg down costs no coverage");
        ScrapedMetrics metrics = ScrapedMetrics.parse(rig.get("/metrics").body());
        assertEquals(0, metrics.value("tickerplant_leg_connections_streaming{leg=\"a\"}"));
        assertEquals(1, metrics.value("tickerplant_leg_connections_streaming{leg=\"b\"}"));
    }

    @Test
    void withOneLegThereAreNoLegFigures() {
        rig = HealthRig.live(tradedUsdProducts(6), 6, 1, simulator.advancedTradeUri());
        rig.upstream.start();
        await("streaming with ticks").atMost(DEADLINE).until(() -> rig.upstream.streamingCount() == 1
                && rig.market.accepted() > 0);

        assertFalse(rig.json("/health").containsKey("legs"));
        ScrapedMetrics metrics = ScrapedMetrics.parse(rig.get("/metrics").body());
        assertTrue(metrics.types().keySet().stream().noneMatch(family -> family.startsWith("tickerplant_leg_")),
                "a family without samples is left off the page: " + metrics.types().keySet());
        assertTrue(metrics.samples().keySet().stream().noneMatch(series -> series.startsWith("tickerplant_leg_")),
                "no leg series: " + metrics.samples().keySet());
    }

    private static HealthRig.Answer get(HealthRoutes routes, String uri) {
        return HealthRig.Answer.of(routes.handle(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                uri)));
    }

    private List<String> tradedUsdProducts(int count) {
        return simulator.catalog().products().stream()
                .filter(p -> p.trades() && !p.isAlias() && "USD".equals(p.quoteCurrency())
                        && p.flags().online() && p.flags().tradable())
                .map(Product::id)
                .limit(count)
                .toList();
    }
}
