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

    // Written by the consumer only.
    /** Global, gap-free sequence number of accepted ticks; 0 for a rejected one. */
    public long globalSeq;
    /** Index of the product in {@link MarketState}; -1 until the consumer resolved it. */
    public int productIndex = -1;
    public boolean accepted;

    void copyFrom(TickerSlot slot, TickOrigin origin) {
        ticker.copyFrom(slot);
        connectionId = origin.connectionId;
        leg = origin.leg;
        linkId = origin.linkId;
        upstreamSequenceNum = origin.upstreamSequenceNum;
        receivedNanos = origin.receivedNanos;
        receivedEpochNanos = origin.receivedEpochNanos;
        batch = origin.batch;
        globalSeq = 0;
        productIndex = -1;
        accepted = false;
    }
}
