package dev.tickerplant.bus;

/** What a fanout node's feed from the bus did; read by health and metrics. */
public final class FeedFigures {
    volatile long delivered;
    volatile long lastSequence;
    volatile long lag;
    volatile long malformed;
    volatile long catchUpTarget = -1;
    volatile boolean caughtUp;

    /** Ticks read off the stream and handed to the ring since start. */
    public long delivered() {
        return delivered;
    }

    /** Stream sequence of the last tick handed to the ring; 0 before the first. */
    public long lastSequence() {
        return lastSequence;
    }

    /** Ticks in the stream not yet read, as of the last one read: how far behind the stream this node is. */
    public long lag() {
        return lag;
    }

    /** Messages on a ticker subject that were not a readable ticker; skipped. */
    public long malformed() {
        return malformed;
    }

    /**
     * True once the node has read the stream up to where it stood when the node started: its latest tickers and its
     * replay history are complete from then on.
     */
    public boolean caughtUp() {
        return caughtUp;
    }
}
