package dev.tickerplant.health;

/**
 * Turns coverage into a status: ready when at least {@code readyCoverage} of the planned products receive data on at
 * least one streaming connection, down below {@code downCoverage}, degraded in between.
 */
final class HealthEvaluator {
    /** Replaced whole by a reload; every evaluation reads one consistent pair. */
    private volatile HealthThresholds thresholds;

    HealthEvaluator(HealthThresholds thresholds) {
        this.thresholds = thresholds;
    }

    HealthThresholds thresholds() {
        return thresholds;
    }

    void thresholds(HealthThresholds next) {
        this.thresholds = java.util.Objects.requireNonNull(next, "thresholds");
    }

    /**
     * With a bus: a node fed by the bus is down once the bus has been unreachable for the threshold, degraded until it
     * has first caught up with the stream, and ready otherwise: a shorter outage is ridden out on what it has, so a
     * load balancer does not move every subscriber for a blip (its upstream coverage is the ingest nodes' business).
     * A node that publishes to the bus is at best degraded while the bus is unreachable: its ticks reach no one else.
     *
     * @param bus null when the node uses no bus
     */
    HealthStatus evaluate(Coverage coverage, BusFigures bus) {
        if (bus != null && bus.consumes()) {
            if (!bus.connected() && bus.unreachableMillis() >= bus.unreachableThresholdMillis()) {
                return HealthStatus.DOWN;
            }
            return bus.caughtUp() ? HealthStatus.READY : HealthStatus.DEGRADED;
        }
        HealthStatus status = evaluate(coverage);
        if (bus != null && bus.publishes() && !bus.connected() && status == HealthStatus.READY) {
            return HealthStatus.DEGRADED;
        }
        return status;
    }

    HealthStatus evaluate(Coverage coverage) {
        HealthThresholds thresholds = this.thresholds;
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
