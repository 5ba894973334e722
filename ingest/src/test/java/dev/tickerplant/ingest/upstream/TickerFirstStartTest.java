package dev.tickerplant.ingest.upstream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.catalog.Selection;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.sim.feed.SimConnection;
import dev.tickerplant.testing.EndToEnd;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Start-up order against the simulator: 20 connections' ticker subscribes go before any heartbeats subscribe, so all
 * of them stream after 20 subscribe slots instead of 40, and no link waiting for its heartbeats subscribe is taken for
 * silent.
 *
 * <p>What this test does not assert is how many connects or subscribes the simulator counted in any one second: it
 * counts them when they arrive, and on a loaded machine scheduling delays on either side of the socket can bring two
 * paced messages closer than they were sent. The spacing itself, including after a timer that fired late, is proved
 * on a clock the test moves in {@code SubscribeSchedulerTest} and {@code RateLimiterTest}. Here the limits must only
 * cost nothing: a connect the simulator refuses is retried, and is the only reason any connection may reconnect.
 */
@EndToEnd
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
            // Interleaved (ticker and heartbeats subscribe of one connection after the other), 19 would be there by
            // then; ticker-first, none. Up to 4 allows for a poll that runs half a second late on a loaded machine.
            assertTrue(heartbeatsWhenAllTickersArrived.get() <= 4,
                    heartbeatsWhenAllTickersArrived.get() + " heartbeats subscribes arrived before the last ticker one");

            await().atMost(DEADLINE).untilAsserted(() -> assertTrue(
                    h.conductor.streamingCount() == 20 && subscribedTo(h.sim.connections(), "heartbeats") == 20,
                    () -> "every connection streaming and subscribed to heartbeats; " + h.describe()));
            await().atMost(DEADLINE).untilAsserted(() -> assertTrue(
                    h.conductor.sessions().stream().allMatch(s -> s.stats().heartbeats.sum() >= 3),
                    () -> "three heartbeats on every connection; " + h.describe()));

            assertEquals(0, sum(h, s -> s.stats().watchdogExpiries.sum()), h::describe);
            assertEquals(h.sim.stats().connectionsRejected(), sum(h, s -> s.stats().reconnects.sum()),
                    () -> "every reconnect is a retry of a refused connect; " + h.describe());
            assertEquals(20, h.conductor.streamingCount(), h::describe);
        }
    }

    private static int subscribedTo(List<SimConnection> connections, String channel) {
        return (int) connections.stream().filter(c -> c.channels().containsKey(channel)).count();
    }

    private static long sum(UpstreamHarness h, java.util.function.ToLongFunction<UpstreamSession> figure) {
        return h.conductor.sessions().stream().mapToLong(figure).sum();
    }
}
