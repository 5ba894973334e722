package dev.tickerplant.ingest.upstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Keeps a storm of the same failure from flooding the log: the first event is logged at WARN, the ones that follow
 * within a quiet period are only counted, and the next WARN after the period reports how many were left out.
 *
 * <pre>{@code
 * if (throttle.shouldWarn(nanoTime)) {
 *     log.warn("[{}] connect failed: {} ({} similar suppressed)", id, cause, throttle.takeSuppressedCount());
 * } else {
 *     log.debug("[{}] connect failed: {}", id, cause);
 * }
 * }</pre>
 *
 * <p>The quiet period runs from the last WARN, not from the last event, so a storm that never stops still produces
 * one WARN per period. Thread-safe so one throttle can be shared by several connections; this is an error path, so
 * a lock is cheap enough.
 */
public final class LogThrottle {

    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(30);

    private final long quietPeriodNanos;
    private boolean warnedBefore;
    private long lastWarnNanos;
    private int suppressed;

    public LogThrottle() {
        this(DEFAULT_QUIET_PERIOD);
    }

    /** @param quietPeriod how long to stay quiet after a WARN, {@code > 0} */
    public LogThrottle(Duration quietPeriod) {
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("quietPeriod: " + quietPeriod + " (expected: > 0)");
        }
        if (quietPeriod.compareTo(Duration.ofNanos(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("quietPeriod: " + quietPeriod
                    + " (expected: <= " + Duration.ofNanos(Long.MAX_VALUE) + ")");
        }
        this.quietPeriodNanos = quietPeriod.toNanos();
    }

    /**
     * Records one event.
     *
     * @param nowNanos the current time of a monotonic clock ({@code System.nanoTime()} or the event loop's)
     * @return true if this event should be logged at WARN; false if it was counted as suppressed
     */
    public synchronized boolean shouldWarn(long nowNanos) {
        if (warnedBefore && nowNanos - lastWarnNanos < quietPeriodNanos) { // overflow-safe comparison
            if (suppressed < Integer.MAX_VALUE) {
                suppressed++;
            }
            return false;
        }
        warnedBefore = true;
        lastWarnNanos = nowNanos;
        return true;
    }

    /** The number of events suppressed since the last call, and resets it to zero. */
    public synchronized int takeSuppressedCount() {
        int taken = suppressed;
        suppressed = 0;
        return taken;
    }

    @Override
    public String toString() {
        return "LogThrottle[quietPeriod=" + Duration.ofNanos(quietPeriodNanos) + "]";
    }
}
