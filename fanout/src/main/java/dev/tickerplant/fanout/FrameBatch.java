package dev.tickerplant.fanout;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Frames encoded by the ring consumer during one ring batch (or {@link #CAPACITY} ticks, whichever ends first), handed
 * to every fanout event loop with one task each. The batch owns one reference to each frame; loops only read the
 * frames' bytes (and retain the ones a slow client holds back). The last loop to finish marks the batch free; the
 * consumer then releases the frames ({@link #recycle()}) and reuses it, so steady-state hand-off allocates nothing of
 * its own. Frames are released by the thread that allocated them: a pooled buffer released on another thread goes
 * back to its owner through a queue that allocates as it grows (it was most of the fanout's garbage).
 *
 * <p>Visibility: the consumer fills the arrays before {@code EventLoop.execute}, which publishes them to the loops;
 * the loops only read. The final decrement of {@link #pendingLoops} sets {@link #free} (volatile), which publishes
 * the loops' work back to the consumer before it recycles.
 */
final class FrameBatch {
    static final int CAPACITY = 256;
    static final byte TICKER = 0;
    static final byte ALERT = 1;

    final ByteBuf[] frames = new ByteBuf[CAPACITY];
    final byte[] kinds = new byte[CAPACITY];
    final int[] products = new int[CAPACITY];
    final long[] seqs = new long[CAPACITY];
    final long[] receivedNanos = new long[CAPACITY];
    final double[] prices = new double[CAPACITY];
    /** The Advanced Trade ticker object and the Exchange frame of each tick; null when no such client was connected. */
    final ByteBuf[] advancedTrade = new ByteBuf[CAPACITY];
    final ByteBuf[] exchange = new ByteBuf[CAPACITY];
    /** Each tick's Exchange {@code sequence} and {@code trade_id}; -1 when it has none. */
    final long[] exchangeSequences = new long[CAPACITY];
    final long[] tradeIds = new long[CAPACITY];
    int size;
    /** Bytes of the native frames in this batch. */
    private int bytes;
    /** One task per loop, created once with the batch. */
    final Runnable[] tasks;
    private final AtomicInteger pendingLoops = new AtomicInteger();
    private volatile boolean free = true;

    FrameBatch(LoopFanout[] loops) {
        tasks = new Runnable[loops.length];
        for (int i = 0; i < loops.length; i++) {
            LoopFanout loop = loops[i];
            tasks[i] = () -> loop.dispatch(this);
        }
    }

    boolean isFree() {
        return free;
    }

    void take() {
        free = false;
    }

    boolean isFull() {
        return size == CAPACITY;
    }

    void add(byte kind, ByteBuf frame, int product, long seq, long receivedNanos, double price) {
        add(kind, frame, null, null, product, seq, receivedNanos, price, -1, -1);
    }

    /** Takes ownership of the frame and of the compat encodings (either may be null). */
    void add(byte kind, ByteBuf frame, ByteBuf advancedTradeTicker, ByteBuf exchangeFrame, int product, long seq,
             long receivedNanos, double price, long exchangeSequence, long tradeId) {
        int i = size++;
        bytes += frame.readableBytes();
        kinds[i] = kind;
        frames[i] = frame;
        advancedTrade[i] = advancedTradeTicker;
        exchange[i] = exchangeFrame;
        products[i] = product;
        seqs[i] = seq;
        this.receivedNanos[i] = receivedNanos;
        prices[i] = price;
        exchangeSequences[i] = exchangeSequence;
        tradeIds[i] = tradeId;
    }

    /**
     * Bytes of the native frames added so far: what a client subscribed to everything gets from this batch (a compat
     * client's encodings are of the same order), so a good first size for its staging buffer.
     */
    int bytes() {
        return bytes;
    }

    /** Called by the consumer before handing the batch to {@code loops} loops. */
    void handingTo(int loops) {
        pendingLoops.set(loops);
    }

    /** Called once by each loop (or for it, when it rejected the task) after it is done with the batch. */
    void done() {
        if (pendingLoops.decrementAndGet() == 0) {
            free = true;
        }
    }

    /** Consumer only, on a free batch: releases the frames of its last round; a no-op when it holds none. */
    void recycle() {
        for (int i = 0; i < size; i++) {
            frames[i].release();
            frames[i] = null;
            release(advancedTrade, i);
            release(exchange, i);
        }
        size = 0;
        bytes = 0;
    }

    private static void release(ByteBuf[] buffers, int i) {
        if (buffers[i] != null) {
            buffers[i].release();
            buffers[i] = null;
        }
    }
}
