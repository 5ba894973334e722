package dev.tickerplant.ingest.upstream;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of one upstream connection, written by its event loop and read by health, stats and the periodic log.
 * Counters are cumulative over every link the connection ever had.
 */
public final class UpstreamStats {
    public final int id;
    public final String name;
    /** The products the connection is to carry; replaced when they change at run time. */
    public volatile List<String> products;
    public final int shardId;
    /** Redundant leg: 0 = A, 1 = B. */
    public final int leg;

    public final LongAdder frames = new LongAdder();
    public final LongAdder tickers = new LongAdder();
    public final LongAdder heartbeats = new LongAdder();
    public final LongAdder ignoredFrames = new LongAdder();
    public final LongAdder errorMessages = new LongAdder();
    public final LongAdder malformedFrames = new LongAdder();
    public final LongAdder sequenceGaps = new LongAdder();
    public final LongAdder missedMessages = new LongAdder();
    public final LongAdder outOfOrder = new LongAdder();
    public final LongAdder connectAttempts = new LongAdder();
    /** Links lost and followed by a backoff; counted once the state has left STREAMING (see {@link #streaming()}). */
    public final LongAdder reconnects = new LongAdder();
    /**
     * Links the exchange closed with 1001 "going away" (its deploys). Apart from {@link #reconnects}: those it
     * reconnected at once are not failures; one that came too soon after others waited out the backoff and is counted
     * in both.
     */
    public final LongAdder goingAway = new LongAdder();
    public final LongAdder watchdogExpiries = new LongAdder();
    /** Rotations started. */
    public final LongAdder rotations = new LongAdder();
    /** Rotations that ended with the replacement streaming and the old link closed. */
    public final LongAdder rotationsCompleted = new LongAdder();
    public final LongAdder ringDrops = new LongAdder();

    volatile UpstreamState state = UpstreamState.IDLE;
    volatile long streamingSinceNanos;
    volatile long lastFrameNanos;
    volatile int ackedProducts;
    volatile int flowingProducts;
    volatile java.util.Set<String> flowingProductIds = java.util.Set.of();
    volatile double tickersPerSecond = Double.NaN;
    volatile String lastCloseReason = "";
    volatile String localAddress = "";

    UpstreamStats(int id, String name, List<String> products, int shardId, int leg) {
        this.id = id;
        this.name = name;
        this.products = products;
        this.shardId = shardId;
        this.leg = leg;
    }

    public UpstreamState state() {
        return state;
    }

    public boolean streaming() {
        return state == UpstreamState.STREAMING;
    }

    /** {@code System.nanoTime()} when the current link started streaming; 0 when not streaming. */
    public long streamingSinceNanos() {
        return streamingSinceNanos;
    }

    /** {@code System.nanoTime()} of the last frame on any link; 0 before the first. */
    public long lastFrameNanos() {
        return lastFrameNanos;
    }

    /** Products the exchange confirmed in the current link's ack. */
    public int ackedProducts() {
        return ackedProducts;
    }

    /** Products that delivered at least one ticker (snapshot or update) on the current link. */
    public int flowingProducts() {
        return flowingProducts;
    }

    /** Local ip:port of the current link's socket ("" before the first handshake); lets tests and operators find it
     *  on the other side. */
    public String localAddress() {
        return localAddress;
    }

    /** Ids of the products counted in {@link #flowingProducts()}. */
    public java.util.Set<String> flowingProductIds() {
        return flowingProductIds;
    }

    /** Tickers per second over the last completed sampling interval (5 s); NaN until the first one has ended. */
    public double tickersPerSecond() {
        return tickersPerSecond;
    }

    public String lastCloseReason() {
        return lastCloseReason;
    }
}
