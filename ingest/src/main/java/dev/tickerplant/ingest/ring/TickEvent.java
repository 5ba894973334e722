package dev.tickerplant.ingest.ring;

import dev.tickerplant.ingest.codec.TickerSlot;

/**
 * One slot of the ring, pre-allocated and mutated in place. Producers (upstream event loops) fill the ticker and its
 * origin; the single consumer stamps the verdict (accepted or duplicate) and the global sequence number.
 */
public final class TickEvent {
    public final TickerSlot ticker = new TickerSlot();
    /** Upstream connection (shard) that delivered the tick. */
    public int connectionId;
    /** Redundant leg (0 = A, 1 = B) that delivered it; always 0 without redundancy. */
    public int leg;
    /** Link generation within the connection: changes on every reconnect and rotation. */
    public long linkId;
    /** Advanced Trade envelope {@code sequence_num} of the carrying frame, -1 when absent. */
    public long upstreamSequenceNum;
    /** {@code System.nanoTime()} when the carrying frame was read off the socket. */
    public long receivedNanos;
    /** Wall-clock epoch nanos when the carrying frame was read off the socket. */
    public long receivedEpochNanos;
    /** Came from a batch channel ({@code ticker_batch}) rather than the per-trade {@code ticker} channel. */
    public boolean batch;
    /** Stream sequence of a tick read from the bus; -1 for one read from an upstream connection. */
    public long busSequence;

    // Written by the consumer only.
    /** Global sequence number of accepted ticks (gap-free; on a fanout node the bus stream sequence); 0 for a rejected one. */
    public long globalSeq;
    /** Index of the product in {@link MarketState}; -1 until the consumer resolved it. */
    public int productIndex = -1;
    public boolean accepted;
    /**
     * The content key the market matched an Advanced Trade tick on (0 for Exchange ticks, which carry a sequence):
     * two processes that accept the same tick compute the same key, which is what lets the bus drop the second copy.
     */
    public long contentKey;

    void copyFrom(TickerSlot slot, TickOrigin origin) {
        ticker.copyFrom(slot);
        connectionId = origin.connectionId;
        leg = origin.leg;
        linkId = origin.linkId;
        upstreamSequenceNum = origin.upstreamSequenceNum;
        receivedNanos = origin.receivedNanos;
        receivedEpochNanos = origin.receivedEpochNanos;
        batch = origin.batch;
        busSequence = origin.busSequence;
        globalSeq = 0;
        productIndex = -1;
        accepted = false;
        contentKey = 0;
    }
}
