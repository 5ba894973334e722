package dev.tickerplant.ingest.upstream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.catalog.Selection;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.sim.feed.FaultTarget;
import dev.tickerplant.sim.feed.SimConnection;
import dev.tickerplant.testing.EndToEnd;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The full default shape — 300 products on 20 connections — against the simulator over loopback. One daemon-sized
 * setup is shared, and the tests run in order from a cold start, because recreating 20 paced connections per test
 * would take most of the suite's time.
 *
 * <p>The rate limits are asserted by what they cost, not by the simulator's busiest second: it counts messages when
 * they arrive, which scheduling delays on a loaded machine can bring closer than they were sent. Their spacing is
 * proved on a clock the test moves in {@code SubscribeSchedulerTest} and {@code RateLimiterTest}.
 */
@EndToEnd
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpstreamSessionsTest {
    /** The production default: heartbeats come every second, and a loaded machine must not fake a silence. */
    private static final Duration WATCHDOG = Duration.ofSeconds(5);
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    private static UpstreamHarness h;

    @BeforeAll
    static void start() {
        h = new UpstreamHarness(SimulatorOptions.defaults().withTickRate(200).withSeed(7), Selection.allOf("USD"), 15,
                WATCHDOG);
        h.start();
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    @Order(1)
    void coldStartBringsAllTwentyConnectionsToStreamingWithinTheRateLimits() {
        assertEquals(20, h.plan.shards().size());
        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(h.allStreaming(), h::describe));

        assertEquals(300, h.conductor.productsReceiving());
        assertEquals(h.sim.stats().connectionsRejected(), totalReconnects(),
                () -> "every reconnect is a retry of a refused connect; " + h.describe());
        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                h.market.accepted() > 50, () -> "ticks flowing into the ring"));
    }

    @Test
    @Order(2)
    void aResetConnectionStreamsAgainAndOnlyItsOwnProductsAreAffected() {
        UpstreamSession victim = h.conductor.sessions().get(5);
        SimConnection carrier = h.simConnectionOf(victim);
        long[] reconnectsBefore = reconnectCounts();

        assertEquals(1, h.sim.faults().resetConnection(carrier.id()));

        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                victim.stats().reconnects.sum() == reconnectsBefore[5] + 1, () -> "conn-05 noticed the reset"));
        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(h.allStreaming(), h::describe));
        long[] reconnectsAfter = reconnectCounts();
        for (int i = 0; i < reconnectsAfter.length; i++) {
            assertEquals(reconnectsBefore[i] + (i == 5 ? 1 : 0), reconnectsAfter[i], "reconnects of conn-" + i);
        }
    }

    @Test
    @Order(3)
    void malformedFramesAndErrorMessagesAreCountedAndTheConnectionCarriesOn() {
        UpstreamSession session = h.conductor.sessions().get(3);
        SimConnection carrier = h.simConnectionOf(session);
        long reconnects = session.stats().reconnects.sum();
        long tickers = session.stats().tickers.sum();

        h.sim.faults().sendMalformed(FaultTarget.connection(carrier.id()), 3);
        h.sim.faults().sendError(FaultTarget.connection(carrier.id()), "authentication failure");

        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                session.stats().malformedFrames.sum() == 3 && session.stats().errorMessages.sum() == 1,
                () -> "malformed=" + session.stats().malformedFrames.sum() + " errors="
                        + session.stats().errorMessages.sum()));
        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                session.stats().tickers.sum() > tickers, () -> "tickers keep flowing after bad frames"));
        assertEquals(reconnects, session.stats().reconnects.sum());
        assertEquals(UpstreamState.STREAMING, session.stats().state());
    }

    @Test
    @Order(4)
    void droppedFramesShowUpAsSequenceGaps() {
        UpstreamSession session = h.conductor.sessions().get(0); // carries BTC-USD: busy
        SimConnection carrier = h.simConnectionOf(session);
        long gaps = session.stats().sequenceGaps.sum();
        long missed = session.stats().missedMessages.sum();

        h.sim.faults().dropNext(FaultTarget.connection(carrier.id()), 2);

        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                session.stats().missedMessages.sum() >= missed + 2,
                () -> "gaps=" + session.stats().sequenceGaps.sum() + " missed="
                        + session.stats().missedMessages.sum()));
        assertTrue(session.stats().sequenceGaps.sum() > gaps);
    }

    @Test
    @Order(5)
    void aStalledConnectionIsReplacedByTheWatchdog() {
        UpstreamSession session = h.conductor.sessions().get(7);
        SimConnection carrier = h.simConnectionOf(session);
        long expiries = session.stats().watchdogExpiries.sum();
        // The watchdog runs from the heartbeats subscribe on, which may still be waiting behind ticker subscribes
        // this soon after start-up and the reset above.
        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                session.stats().heartbeats.sum() > 0, () -> "heartbeats on conn-07"));

        h.sim.faults().stall(carrier.id(), true);

        // Only "eventually" here: that it fires after exactly the watchdog timeout is UpstreamSessionTest's to prove.
        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                session.stats().watchdogExpiries.sum() == expiries + 1,
                () -> "watchdog fired for conn-07, state " + session.stats().state()));
        assertEquals(expiries + 1, session.stats().watchdogExpiries.sum());
        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(h.allStreaming(), h::describe));
    }

    @Test
    @Order(6)
    void resettingEveryConnectionAtOnceRecoversWithinTheRateLimits() {
        awaitTwentyStreamingLinks();
        long rejectedBefore = h.sim.stats().connectionsRejected();
        long reconnectsBefore = totalReconnects();

        assertEquals(20, h.sim.faults().resetAll());

        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                totalReconnects() >= reconnectsBefore + 20, h::describe));
        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(h.allStreaming(), h::describe));
        assertEquals(20 + h.sim.stats().connectionsRejected() - rejectedBefore, totalReconnects() - reconnectsBefore,
                () -> "one reconnect per reset, plus a retry per refused connect; " + h.describe());
    }

    @Test
    @Order(7)
    void aDeployStyleCloseWith1001ReconnectsEveryConnectionWithoutCountingAFailure() {
        awaitTwentyStreamingLinks();
        long reconnects = totalReconnects();
        long goingAway = h.conductor.sessions().stream().mapToLong(s -> s.stats().goingAway.sum()).sum();
        long rejectedBefore = h.sim.stats().connectionsRejected();

        assertEquals(20, h.sim.faults().closeAll(1001));

        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                h.conductor.sessions().stream().mapToLong(s -> s.stats().goingAway.sum()).sum() == goingAway + 20,
                h::describe));
        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(h.allStreaming(), h::describe));
        assertEquals(reconnects + h.sim.stats().connectionsRejected() - rejectedBefore, totalReconnects(),
                () -> "only refused connects are failures; " + h.describe());
    }

    /**
     * Every session streams and the simulator holds exactly one link per session: the link a test before replaced
     * may still be listed on the simulator's side, or the new one not yet, for a moment after the session streams.
     */
    private static void awaitTwentyStreamingLinks() {
        await().atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                h.allStreaming() && h.sim.connections().size() == 20,
                () -> h.sim.connections().size() + " simulator connections; " + h.describe()));
    }

    private static long[] reconnectCounts() {
        return h.conductor.sessions().stream().mapToLong(s -> s.stats().reconnects.sum()).toArray();
    }

    private static long totalReconnects() {
        return h.conductor.sessions().stream().mapToLong(s -> s.stats().reconnects.sum()).sum();
    }
}
