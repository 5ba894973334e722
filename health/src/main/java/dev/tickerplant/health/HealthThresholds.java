package dev.tickerplant.health;

/**
 * Where the health status changes, as shares of the planned products that are receiving data.
 *
 * @param readyCoverage at or above this share (and with at least one connection streaming) the daemon is {@code ready}
 * @param downCoverage  below this share it is {@code down}; in between it is {@code degraded}
 */
public record HealthThresholds(double readyCoverage, double downCoverage) {

    public static final double DEFAULT_READY_COVERAGE = 0.95;
    public static final double DEFAULT_DOWN_COVERAGE = 0.5;

    public HealthThresholds {
        requireShare("readyCoverage", readyCoverage);
        requireShare("downCoverage", downCoverage);
        if (downCoverage > readyCoverage) {
            throw new IllegalArgumentException("downCoverage: " + downCoverage + " (expected: <= readyCoverage "
                    + readyCoverage + ")");
        }
    }

    /** Ready at 95 % coverage, down below 50 %. */
    public static HealthThresholds defaults() {
        return new HealthThresholds(DEFAULT_READY_COVERAGE, DEFAULT_DOWN_COVERAGE);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) { // also rejects NaN
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0.0 and <= 1.0)");
        }
    }
}
