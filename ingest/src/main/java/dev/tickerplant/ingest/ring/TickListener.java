package dev.tickerplant.ingest.ring;

/**
 * Downstream stages (fanout, history) attached to the ring consumer. Called on the consumer thread, in ring order,
 * for accepted ticks only; they must not block and must not keep a reference to the event past the call.
 */
public interface TickListener {
    void onTick(TickEvent event);

    /** The consumer reached the end of a ring batch: a good moment to flush. */
    default void onBatchEnd() {
    }

    /** The consumer thread is stopping (the ring closed); the last call on it. */
    default void onShutdown() {
    }
}
