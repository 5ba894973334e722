package dev.tickerplant.ingest.ring;

/**
 * Everything the consumer keeps about one product. Written by the consumer thread only; the counters are volatile so
 * health and stats readers see fresh values without locks.
 */
public final class ProductEntry {
    /**
     * Advanced Trade tickers remembered for de-duplication: one leg can trail the other by a burst of one product's
     * ticks (nine in one frame were seen) or by seconds under load.
     */
    private static final int RECENT_KEYS = 256;

    private final String id;
    private final int index;
    final LatestTicker latest = new LatestTicker();
    private volatile long updates;
    private volatile long duplicates;
    private volatile long lastUpdateEpochNanos;
    private volatile long lastSeenEpochNanos;
    /** False once the product left the followed set (delisted, or removed by an operator); its index stays its own. */
    private volatile boolean followed = true;

    // Consumer-only de-duplication state.
    private final RecentKeys recent = new RecentKeys(RECENT_KEYS);
    private long lastAcceptedReceivedNanos;
    /** How much later than the accepted copy the last duplicate arrived; -1 when unknown. Consumer-only. */
    long lastDuplicateLagNanos = -1;
    private long lastExchangeSequence = -1;

    ProductEntry(String id, int index) {
        this.id = id;
        this.index = index;
    }

    public String id() {
        return id;
    }

    public int index() {
        return index;
    }

    /** Whether the product is among those followed now. */
    public boolean followed() {
        return followed;
    }

    void followed(boolean now) {
        followed = now;
    }

    /** Accepted ticks for this product since start. */
    public long updates() {
        return updates;
    }

    /** Ticks dropped as duplicates (rotation overlap, redundant legs, repeated frames). */
    public long duplicates() {
        return duplicates;
    }

    /** When the last accepted tick was received, epoch nanos; 0 if none yet. */
    public long lastUpdateEpochNanos() {
        return lastUpdateEpochNanos;
    }

    /** When any tick for this product (accepted or duplicate) was last received, epoch nanos; 0 if never. */
    public long lastSeenEpochNanos() {
        return lastSeenEpochNanos;
    }

    public boolean readLatest(TickerSnapshot into) {
        return latest.read(into);
    }

    /**
     * The first arrival wins. Exchange tickers carry a per-product {@code sequence}: anything not newer than the last
     * accepted one is a duplicate or stale. Advanced Trade tickers carry no id, so a tick whose content equals one of
     * the last few accepted ones is a duplicate.
     */
    boolean accept(TickEvent event) {
        lastSeenEpochNanos = event.receivedEpochNanos;
        long sequence = event.ticker.exchangeSequence;
        boolean fresh;
        lastDuplicateLagNanos = -1;
        if (sequence >= 0) {
            fresh = sequence > lastExchangeSequence;
            if (fresh) {
                lastExchangeSequence = sequence;
                lastAcceptedReceivedNanos = event.receivedNanos;
            } else if (sequence == lastExchangeSequence) {
                lastDuplicateLagNanos = event.receivedNanos - lastAcceptedReceivedNanos;
            }
        } else {
            long key = ContentKey.of(event.ticker);
            event.contentKey = key;
            int seen = recent.indexOf(key);
            fresh = seen < 0;
            if (fresh) {
                recent.add(key, event.receivedNanos);
            } else {
                lastDuplicateLagNanos = event.receivedNanos - recent.receivedNanos(seen);
            }
        }
        count(event, fresh);
        return fresh;
    }

    /**
     * A tick the bus numbered: the bus has already dropped the second copy of a tick, so only a number at or below the
     * last one (a redelivery) is a duplicate. Exchange sequences still advance, so a later upstream-style check holds.
     */
    boolean acceptNumbered(TickEvent event, long lastSeq) {
        lastSeenEpochNanos = event.receivedEpochNanos;
        lastDuplicateLagNanos = -1;
        boolean fresh = event.busSequence > lastSeq;
        if (fresh && event.ticker.exchangeSequence > lastExchangeSequence) {
            lastExchangeSequence = event.ticker.exchangeSequence;
        }
        count(event, fresh);
        return fresh;
    }

    private void count(TickEvent event, boolean fresh) {
        if (fresh) {
            updates = updates + 1;
            lastUpdateEpochNanos = event.receivedEpochNanos;
        } else {
            duplicates = duplicates + 1;
        }
    }
}
