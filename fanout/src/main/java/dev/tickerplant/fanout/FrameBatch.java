package dev.tickerplant.fanout;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Frames encoded by the ring consumer during one ring batch (or {@link #CAPACITY} ticks, whichever ends first), handed
 * to every fanout event loop with one task each. The batch owns one reference to each frame; loops only read the
 * frames' bytes (and retain the ones a slow client holds back). The last loop to finish releases the frames and marks
 * the batch free, and the consumer then reuses it, so steady-state hand-off allocates nothing of its own.
 *
 * <p>Visibility: the consumer fills the arrays before {@code EventLoop.execute}, which publishes them to the loops;
 * the loops only read. Recycling happens after the final decrement of {@link #pendingLoops}, and {@link #free}
 * (volatile) publishes it back to the consumer.
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
    int size;
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
        int i = size++;
        kinds[i] = kind;
        frames[i] = frame;
        products[i] = product;
        seqs[i] = seq;
        this.receivedNanos[i] = receivedNanos;
        prices[i] = price;
    }

    /** Called by the consumer before handing the batch to {@code loops} loops. */
    void handingTo(int loops) {
        pendingLoops.set(loops);
    }

    /** Called once by each loop (or for it, when it rejected the task) after it is done with the batch. */
    void done() {
        if (pendingLoops.decrementAndGet() == 0) {
            for (int i = 0; i < size; i++) {
                frames[i].release();
                frames[i] = null;
            }
            size = 0;
            free = true;
        }
    }
}
