package dev.tickerplant.sim.feed;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts events per key within a sliding time window and remembers the busiest window ever seen.
 *
 * <p>Called from several event loops, at the rate of connection attempts or subscribe messages, so a plain monitor
 * is cheap enough.
 */
final class SlidingWindowCounter {

    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, ArrayDeque<Long>> events = new HashMap<>();
    private int maxInAnyWindow;

    SlidingWindowCounter(long windowNanos, LongSupplier nanoTime) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("windowNanos: " + windowNanos + " (expected: > 0)");
        }
        this.windowNanos = windowNanos;
        this.nanoTime = nanoTime;
    }

    /** Records one event for {@code key}; returns how many events of that key the current window holds. */
    synchronized int record(String key) {
        long now = nanoTime.getAsLong();
        ArrayDeque<Long> window = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        evict(window, now);
        window.addLast(now);
        maxInAnyWindow = Math.max(maxInAnyWindow, window.size());
        return window.size();
    }

    /** How many events of {@code key} the current window holds. */
    synchronized int count(String key) {
        ArrayDeque<Long> window = events.get(key);
        if (window == null) {
            return 0;
        }
        evict(window, nanoTime.getAsLong());
        if (window.isEmpty()) {
            events.remove(key);
            return 0;
        }
        return window.size();
    }

    /** The most events one key ever had within a single window. */
    synchronized int maxInAnyWindow() {
        return maxInAnyWindow;
    }

    private void evict(ArrayDeque<Long> window, long now) {
        // Overflow-safe comparison of nanoTime readings: an event leaves the window once a full window has passed.
        while (!window.isEmpty() && now - window.peekFirst() >= windowNanos) {
            window.removeFirst();
        }
    }
}
