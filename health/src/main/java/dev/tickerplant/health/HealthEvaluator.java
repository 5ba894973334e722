package dev.tickerplant.health;

/**
 * Turns coverage into a status: ready when at least {@code readyCoverage} of the planned products receive data on at
 * least one streaming connection, down below {@code downCoverage}, degraded in between.
 */
final class HealthEvaluator {
    private final HealthThresholds thresholds;

    HealthEvaluator(HealthThresholds thresholds) {
        this.thresholds = thresholds;
    }

    HealthStatus evaluate(Coverage coverage) {
        double ratio = coverage.ratio();
        if (ratio < thresholds.downCoverage()) {
            return HealthStatus.DOWN;
        }
        if (ratio >= thresholds.readyCoverage() && coverage.streaming() > 0) {
            return HealthStatus.READY;
        }
        return HealthStatus.DEGRADED;
    }
}
