package dev.tickerplant.bus;

import java.util.concurrent.atomic.LongAdder;

/** What an ingest node's publisher did, cumulative since start; read by health and metrics. */
public final class PublishFigures {
    /** Publishes sent to the bus, retries included. */
    public final LongAdder sent = new LongAdder();
    /** Ticks the stream stored (acked, not as a duplicate). */
    public final LongAdder stored = new LongAdder();
    /** Ticks the stream already had from another ingest node (or an earlier attempt), so it kept one copy. */
    public final LongAdder duplicates = new LongAdder();
    /** Publishes that failed or timed out and were sent again. */
    public final LongAdder retried = new LongAdder();
    /** Ticks given up on because the buffer was full while the bus could not take them. */
    public final LongAdder dropped = new LongAdder();
    volatile int pendingAcks;
    volatile int buffered;

    /** Publishes in flight, awaiting their ack. */
    public int pendingAcks() {
        return pendingAcks;
    }

    /** Ticks waiting to be published or published again; with those in flight, bounded by the publish buffer. */
    public int buffered() {
        return buffered;
    }
}
