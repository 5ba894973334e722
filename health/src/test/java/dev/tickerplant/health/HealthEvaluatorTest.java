package dev.tickerplant.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HealthEvaluatorTest {
    private final HealthEvaluator evaluator = new HealthEvaluator(HealthThresholds.defaults());

    @Test
    void readyFromTheReadyThresholdWithAConnectionStreaming() {
        assertEquals(HealthStatus.READY, evaluator.evaluate(new Coverage(20, 20, 300, 300)));
        assertEquals(HealthStatus.READY, evaluator.evaluate(new Coverage(19, 20, 285, 300)), "exactly 95 %");
        assertEquals(HealthStatus.DEGRADED, evaluator.evaluate(new Coverage(19, 20, 284, 300)));
    }

    @Test
    void downBelowTheDownThreshold() {
        assertEquals(HealthStatus.DEGRADED, evaluator.evaluate(new Coverage(10, 20, 150, 300)), "exactly 50 %");
        assertEquals(HealthStatus.DOWN, evaluator.evaluate(new Coverage(10, 20, 149, 300)));
        assertEquals(HealthStatus.DOWN, evaluator.evaluate(new Coverage(0, 20, 0, 300)));
        assertEquals(HealthStatus.DOWN, evaluator.evaluate(new Coverage(0, 0, 0, 0)), "following nothing");
    }

    @Test
    void neverReadyWithoutAStreamingConnection() {
        HealthEvaluator lenient = new HealthEvaluator(new HealthThresholds(0.0, 0.0));
        assertEquals(HealthStatus.DEGRADED, lenient.evaluate(new Coverage(0, 2, 0, 30)));
        assertEquals(HealthStatus.READY, lenient.evaluate(new Coverage(1, 2, 0, 30)));
    }

    @Test
    void httpStatusIs200OnlyWhenReady() {
        assertEquals(200, HealthStatus.READY.httpStatus().code());
        assertEquals(503, HealthStatus.DEGRADED.httpStatus().code());
        assertEquals(503, HealthStatus.DOWN.httpStatus().code());
    }

    @Test
    void textsInTheSeedSystemsWording() {
        Coverage coverage = new Coverage(18, 20, 287, 300);
        assertEquals("18/20 connected", coverage.connectionsText());
        assertEquals("95.7%", coverage.coverageText());
        assertEquals("100.0%", new Coverage(2, 2, 30, 30).coverageText());
        assertEquals("0.0%", new Coverage(0, 0, 0, 0).coverageText());
        assertEquals("66.7%", new Coverage(1, 1, 2, 3).coverageText(), "rounded half up");
    }

    @Test
    void thresholdsAreValidatedWithTheOffendingValue() {
        assertEquals("readyCoverage: 1.5 (expected: >= 0.0 and <= 1.0)",
                assertThrows(IllegalArgumentException.class, () -> new HealthThresholds(1.5, 0.5)).getMessage());
        assertEquals("downCoverage: NaN (expected: >= 0.0 and <= 1.0)",
                assertThrows(IllegalArgumentException.class, () -> new HealthThresholds(0.9, Double.NaN))
                        .getMessage());
        assertEquals("downCoverage: 0.9 (expected: <= readyCoverage 0.8)",
                assertThrows(IllegalArgumentException.class, () -> new HealthThresholds(0.8, 0.9)).getMessage());
        assertEquals(new HealthThresholds(0.95, 0.5), HealthThresholds.defaults());
    }

    @Test
    void coverageRejectsImpossibleFigures() {
        assertEquals("receiving: 31 (expected: >= 0 and <= planned 30)",
                assertThrows(IllegalArgumentException.class, () -> new Coverage(2, 2, 31, 30)).getMessage());
        assertEquals("streaming: 3 (expected: >= 0 and <= connections 2)",
                assertThrows(IllegalArgumentException.class, () -> new Coverage(3, 2, 30, 30)).getMessage());
    }

    @Test
    void aFanoutNodeIsReadyWhenConnectedAndCaughtUpWhateverItsOwnUpstream() {
        Coverage none = new Coverage(0, 0, 0, 0);
        assertEquals(HealthStatus.READY, evaluator.evaluate(none, fanoutNode(true, 0, true)));
        assertEquals(HealthStatus.DEGRADED, evaluator.evaluate(none, fanoutNode(true, 0, false)), "catching up");
        assertEquals(HealthStatus.READY, evaluator.evaluate(none, fanoutNode(false, 9_999, true)),
                "unreachable, 1 ms short of the threshold: ridden out");
        assertEquals(HealthStatus.DEGRADED, evaluator.evaluate(none, fanoutNode(false, 9_999, false)),
                "unreachable before it ever caught up");
        assertEquals(HealthStatus.DOWN, evaluator.evaluate(none, fanoutNode(false, 10_000, true)),
                "unreachable for the threshold");
    }

    @Test
    void anIngestNodeIsAtBestDegradedWhileTheBusIsUnreachable() {
        Coverage full = new Coverage(20, 20, 300, 300);
        assertEquals(HealthStatus.READY, evaluator.evaluate(full, publisher(true)));
        assertEquals(HealthStatus.DEGRADED, evaluator.evaluate(full, publisher(false)));
        assertEquals(HealthStatus.DOWN, evaluator.evaluate(new Coverage(0, 20, 0, 300), publisher(false)),
                "its own coverage still rules below ready");
        assertEquals(HealthStatus.READY, evaluator.evaluate(full, null), "no bus");
    }

    private static BusFigures fanoutNode(boolean connected, long unreachableMillis, boolean caughtUp) {
        return new BusFigures(false, true, connected, unreachableMillis, 10_000, "", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                caughtUp, 1);
    }

    private static BusFigures publisher(boolean connected) {
        return new BusFigures(true, false, connected, connected ? 0 : 60_000, 10_000, "", 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, false, 0);
    }
}
