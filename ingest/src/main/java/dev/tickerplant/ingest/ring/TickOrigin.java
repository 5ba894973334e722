package dev.tickerplant.ingest.ring;

/**
 * Where and when a frame arrived. One instance per upstream link, overwritten for every frame on that link's event
 * loop, so publishing a tick allocates nothing.
 */
public final class TickOrigin {
    public int connectionId;
    /** Redundant leg (0 = A, 1 = B) of the connection's shard. */
    public int leg;
    public long linkId;
    public long upstreamSequenceNum = -1;
    public long receivedNanos;
    public long receivedEpochNanos;
    public boolean batch;
    /**
     * The tick's stream sequence when it came from the bus (a fanout node), -1 otherwise. The bus has already told
     * duplicates apart and numbered the ticks, so the market takes this number as the tick's global seq.
     */
    public long busSequence = -1;
}
