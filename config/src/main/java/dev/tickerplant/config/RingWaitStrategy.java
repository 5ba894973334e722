package dev.tickerplant.config;

/**
 * How the ring's consumer thread waits for the next tick: the trade between the latency of waking it and the CPU it
 * spends while there is nothing to do. The daemon maps each to the Disruptor wait strategy of the same name.
 */
public enum RingWaitStrategy {

    /** Parks on a lock; each publish takes the lock to wake it. The default: none measured better (BENCHMARKS.md). */
    BLOCKING("blocking"),
    /** Parks on a lock; a publish takes the lock only when the consumer is parked. */
    LITE_BLOCKING("lite-blocking"),
    /** Like blocking, but also wakes every millisecond when idle. */
    TIMEOUT_BLOCKING("timeout-blocking"),
    /** Spins, then yields, for 50 µs after the ring runs empty; then parks like lite-blocking. */
    PHASED_BACKOFF("phased-backoff"),
    /** Spins, yields, then sleeps in short naps; publishers never signal. */
    SLEEPING("sleeping"),
    /** Never parks: spins and yields, keeping a core busy even when idle (one of the two on a 2-core machine). */
    YIELDING("yielding");

    private final String key;

    RingWaitStrategy(String key) {
        this.key = key;
    }

    /** The name used in settings, such as {@code lite-blocking}. */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }
}
