package dev.tickerplant.ingest.upstream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.catalog.Selection;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.sim.feed.FaultTarget;
import dev.tickerplant.testing.EndToEnd;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A deploy at the simulator (close 1001 "going away") against a backoff of ten minutes: only a reconnect that skips
 * the backoff can bring the connection back within the test's wait, and any other close code leaves it waiting.
 */
@EndToEnd
class GoingAwayTest {
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    /** Every delay ten minutes: a reconnect seen within {@link #EVENTUALLY} did not wait for the backoff. */
    private static final Backoff TEN_MINUTES =
            Backoff.exponential(Duration.ofMinutes(10), Duration.ofMinutes(10), 2.0).withRandom(() -> 1.0);

    @Test
    void aGoingAwayCloseReconnectsAtOnceAndAnotherCloseWaitsOutTheBackoff() {
        try (UpstreamHarness h = new UpstreamHarness(SimulatorOptions.defaults().withTickRate(100).withSeed(3),
                Selection.explicit(List.of("BTC-USD", "ETH-USD", "SOL-USD")), 15, TEN_MINUTES)) {
            h.start();
            await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(h.allStreaming(), h::describe));
            UpstreamStats stats = h.conductor.sessions().get(0).stats();

            assertEquals(1, h.sim.faults().goingAway(FaultTarget.all()));

            await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                    stats.goingAway.sum() == 1 && stats.connectAttempts.sum() == 2 && h.allStreaming(),
                    () -> "going_away=" + stats.goingAway.sum() + " attempts=" + stats.connectAttempts.sum() + "; "
                            + h.describe()));
            assertEquals(0, stats.reconnects.sum(), "a deploy is not a failure");
            assertEquals("server closed with 1001 going away", stats.lastCloseReason());

            assertEquals(1, h.sim.faults().close(FaultTarget.all(), 1011, "internal error"));

            await().atMost(EVENTUALLY).untilAsserted(() -> assertEquals(UpstreamState.BACKOFF, stats.state()));
            assertEquals(1, stats.reconnects.sum());
            assertEquals(1, stats.goingAway.sum());
            assertEquals(2, stats.connectAttempts.sum(), "waiting out the ten minutes");
        }
    }
}
