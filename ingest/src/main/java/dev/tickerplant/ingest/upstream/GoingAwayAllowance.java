package dev.tickerplant.ingest.upstream;

/**
 * How many 1001 "going away" closes may reconnect without backoff: at most {@code perWindow} within any
 * {@code windowNanos}. A deploy closes a connection once, maybe twice; a server that keeps saying "going away" right
 * after every connect is flapping, and past the allowance it waits out the backoff like any failure.
 *
 * <p>Not thread-safe: owned by the session's event loop. Times are the session's {@link Timers#nanoTime()}.
 */
final class GoingAwayAllowance {
    private final long windowNanos;
    /** When the last {@code perWindow} prompt reconnects were granted, oldest at {@link #oldest}. */
    private final long[] granted;
    private int count;
    private int oldest;

    GoingAwayAllowance(int perWindow, long windowNanos) {
        if (perWindow < 1) {
            throw new IllegalArgumentException("perWindow: " + perWindow + " (expected: >= 1)");
        }
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("windowNanos: " + windowNanos + " (expected: > 0)");
        }
        this.granted = new long[perWindow];
        this.windowNanos = windowNanos;
    }

    /** True (and counted) when a reconnect without backoff is still allowed at {@code nowNanos}. */
    boolean tryTake(long nowNanos) {
        if (count == granted.length) {
            if (nowNanos - granted[oldest] < windowNanos) {
                return false;
            }
            granted[oldest] = nowNanos;
            oldest = (oldest + 1) % granted.length;
            return true;
        }
        granted[(oldest + count) % granted.length] = nowNanos;
        count++;
        return true;
    }
}
