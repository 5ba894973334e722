package dev.tickerplant.daemon.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.testing.ProcessFigures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The short chaos run (scripts/chaos runs the long one): the whole daemon against the simulator while connections are
 * reset, stalled, fed malformed frames and finally all closed with 1001, with fast and slow subscribers downstream.
 * Prints its figures; docs/reliability.md quotes them. Tagged {@code chaos}: the main suite leaves it out, the
 * {@code chaos} Maven profile runs it alone.
 */
@Tag("chaos")
class ChaosTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void withTwoLegsResetsStallsAndMalformedFramesCostSubscribersNothing() throws Exception {
        ChaosOptions options = ChaosOptions.defaults(Duration.ofSeconds(60));

        ChaosRun.RedundantResult result = ChaosRun.redundant(options);

        List<String> report = result.lines(options);
        report.forEach(line -> System.out.println("chaos | " + line));
        assertEquals(List.of(), result.subscriberFailures(), "every subscriber stayed connected");
        assertTrue(result.faultWindowEmitted() > 3_000, "a meaningful window: " + result.faultWindowEmitted());
        assertEquals(0, result.faultWindowMissing(), "one leg's failure is invisible downstream:\n" + report);
        assertEquals(0, result.duplicates(), "and nothing arrives twice");
        int resets = result.recoveries().get(0).count();
        int stalls = result.recoveries().get(1).count();
        assertTrue(resets >= 25 && stalls >= 5, resets + " resets, " + stalls + " stalls");
        assertEquals(resets, result.recoveries().get(0).recovered(), "every reset leg came back");
        assertEquals(stalls, result.recoveries().get(1).recovered(), "every stalled leg was noticed and came back");
        assertTrue(result.recoveries().get(1).minMillis() >= 3_000, "a stall is noticed by the 5 s watchdog: "
                + result.recoveries().get(1));
        assertTrue(result.malformedSent() > 0 && result.malformedCounted() > 0
                && result.malformedCounted() <= result.malformedSent(), report.toString());
        assertTrue(result.closeAllMissing() <= result.closeAllEmitted() && result.closeAllRecoveryMillis() < 30_000,
                "both legs down at once: the loss is measured, and coverage returns: " + report);
        assertTrue(result.slowConflated() > 0, "the slow subscribers were conflated: " + report);
        assertEquals(0, result.fastConflated(), "the fast ones never were: slow readers do not slow them");
        assertNearBaseline(result.beforeFaults(), result.afterFaults(), 64 * MIB, 4, 16);
        assertNearBaseline(result.beforeStart(), result.afterStop(), 64 * MIB, 2, 8);
    }

    @Test
    void withOneLegPlannedRotationsLoseNothingAndADropCostsOnlyItsOwnProducts() throws Exception {
        ChaosOptions options = ChaosOptions.defaults(Duration.ofSeconds(10)).withSingleLeg(20, 5);

        ChaosRun.SingleLegResult result = ChaosRun.singleLeg(options);

        List<String> report = result.lines(options);
        report.forEach(line -> System.out.println("chaos | " + line));
        assertEquals(List.of(), result.subscriberFailures());
        assertEquals(20, result.rotationsCompleted(), report.toString());
        assertTrue(result.rotationWindowEmitted() > 100, report.toString());
        assertEquals(0, result.rotationMissing(), "make-before-break rotation loses nothing:\n" + report);
        assertEquals(5, result.drops().size());
        assertTrue(result.drops().stream().allMatch(d -> d.recoveredMillis() >= 0), report.toString());
        assertTrue(result.othersEmittedDuringDrops() > 100, report.toString());
        assertEquals(0, result.othersMissingDuringDrops(), "a drop costs only the dropped connection's ticks");
        assertEquals(0, result.duplicates());
        assertNearBaseline(result.beforeStart(), result.afterStop(), 64 * MIB, 2, 8);
    }

    private static void assertNearBaseline(ProcessFigures before, ProcessFigures after, long heapSlack,
                                           int threadSlack, int fdSlack) {
        String figures = before.comparedTo(after);
        assertTrue(after.heapUsedBytes() <= before.heapUsedBytes() + heapSlack, figures);
        assertTrue(after.threads() <= before.threads() + threadSlack, figures);
        assertTrue(before.openFds() < 0 || after.openFds() <= before.openFds() + fdSlack, figures);
    }
}
