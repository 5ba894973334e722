package dev.tickerplant.ingest.ring;

import dev.tickerplant.ingest.codec.TickerSlot;

/** A reader-owned, consistent copy of one product's latest ticker. Reusable: read into the same instance again. */
public final class TickerSnapshot {
    public final TickerSlot ticker = new TickerSlot();
    public long globalSeq;
    public long receivedEpochNanos;
    public int connectionId;
}
