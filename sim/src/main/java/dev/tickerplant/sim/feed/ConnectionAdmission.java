package dev.tickerplant.sim.feed;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Decides whether a WebSocket upgrade is accepted or answered with HTTP 429.
 *
 * <p>Enforces Coinbase's documented limit of new connections per second per IP over a sliding one-second window, and
 * serves the "reject the next N attempts" fault. Rejected attempts do not use up the allowance, but they are counted
 * in the busiest-window statistic, which shows how fast a client actually tried to connect.
 */
final class ConnectionAdmission {

    private final int maxPerSecond;
    private final SlidingWindowCounter attempts;
    private final SlidingWindowCounter accepted;
    private int rejectNext;

    ConnectionAdmission(int maxPerSecond, LongSupplier nanoTime) {
        this.maxPerSecond = maxPerSecond;
        this.attempts = new SlidingWindowCounter(TimeUnit.SECONDS.toNanos(1), nanoTime);
        this.accepted = new SlidingWindowCounter(TimeUnit.SECONDS.toNanos(1), nanoTime);
    }

    /** Records an upgrade attempt from {@code ip}; true when it may proceed. */
    synchronized boolean admit(String ip) {
        attempts.record(ip);
        if (rejectNext > 0) {
            rejectNext--;
            return false;
        }
        if (accepted.count(ip) >= maxPerSecond) {
            return false;
        }
        accepted.record(ip);
        return true;
    }

    /** Answers the next {@code count} attempts, from any IP, with HTTP 429. */
    synchronized void rejectNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
        }
        rejectNext = count;
    }

    int maxAttemptsInAnyWindow() {
        return attempts.maxInAnyWindow();
    }
}
