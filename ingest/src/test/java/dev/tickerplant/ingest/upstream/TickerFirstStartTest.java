package dev.tickerplant.ingest.upstream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.catalog.Selection;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.sim.feed.SimConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Start-up order against the simulator: 20 connections' ticker subscribes go before any heartbeats subscribe, so all
 * of them stream after 20 subscribe slots instead of 40, and the per-IP limits still hold.
 */
class TickerFirstStartTest {
    private static final Duration WATCHDOG = Duration.ofSeconds(3);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void everyTickerSubscribeArrivesBeforeTheHeartbeatsSubscribesAndQuietLinksAreNotTakenForSilent() {
        try (UpstreamHarness h = new UpstreamHarness(SimulatorOptions.defaults().withSeed(5), Selection.allOf("USD"),
                15, WATCHDOG)) {
            // No trades: after the snapshot only heartbeats reach a link. The first links wait longer than the
            // watchdog timeout for their heartbeats subscribe, which must not count as silence.
            h.sim.pauseTicks();
            h.start();

            AtomicInteger heartbeatsWhenAllTickersArrived = new AtomicInteger(-1);
            // Polled often: the count of heartbeats subscribes is read as soon as the last ticker one is there.
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
                List<SimConnection> connections = h.sim.connections();
                assertEquals(20, subscribedTo(connections, "ticker"),
                        () -> "ticker subscribes of all 20 connections; " + h.describe());
                heartbeatsWhenAllTickersArrived.set(subscribedTo(connections, "heartbeats"));
            });
            // Interleaved (the old order), about 19 would be there; this allows for the poll's own delay.
            assertTrue(heartbeatsWhenAllTickersArrived.get() <= 2,
                    heartbeatsWhenAllTickersArrived.get() + " heartbeats subscribes arrived before the last ticker one");

            await().atMost(DEADLINE).untilAsserted(() -> assertTrue(
                    h.conductor.streamingCount() == 20 && subscribedTo(h.sim.connections(), "heartbeats") == 20,
                    () -> "every connection streaming and subscribed to heartbeats; " + h.describe()));
            await().atMost(DEADLINE).untilAsserted(() -> assertTrue(
                    h.conductor.sessions().stream().allMatch(s -> s.stats().heartbeats.sum() >= 3),
                    () -> "three heartbeats on every connection; " + h.describe()));

            assertEquals(0, sum(h, s -> s.stats().watchdogExpiries.sum()), h::describe);
            assertEquals(0, sum(h, s -> s.stats().reconnects.sum()), h::describe);
            assertEquals(20, h.conductor.streamingCount(), h::describe);
            assertEquals(0, h.sim.stats().connectionsRejected(), h::describe);
            assertTrue(h.sim.stats().maxConnectionOpensInAnyWindow() <= 8, h::describe);
            assertTrue(h.sim.stats().maxSubscribeMessagesInAnyWindow() <= 8, h::describe);
            assertEquals(0, h.sim.stats().subscribeRateViolations(), h::describe);
        }
    }

    private static int subscribedTo(List<SimConnection> connections, String channel) {
        return (int) connections.stream().filter(c -> c.channels().containsKey(channel)).count();
    }

    private static long sum(UpstreamHarness h, java.util.function.ToLongFunction<UpstreamSession> figure) {
        return h.conductor.sessions().stream().mapToLong(figure).sum();
    }
}
