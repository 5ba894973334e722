package dev.tickerplant.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the ring consumer encoded during one ring batch (or {@link #CAPACITY} entries, whichever ends first), handed to
 * every fanout event loop with one task each.
 *
 * <p>Each encoding in use has <b>one contiguous buffer per batch</b>: the entries' bytes back to back, and per entry
 * its range in that buffer ({@code -1} when the entry has no bytes in that encoding). A client that wants a run of
 * consecutive entries gets one retained slice of the shared buffer, and a client that wants everything gets the whole
 * buffer as one slice: no per-client copy, and one outbound entry per client and batch however many ticks it held.
 * Encodings are numbered: the native one is {@link #NATIVE}, the plug-ins' {@link Encoding}s follow in the order they
 * were registered. Alerts exist only in the native encoding.
 *
 * <p>Each encoding of complete frames has a <b>compressed twin</b>, number {@link #compressed}: the same entries as
 * permessage-deflate messages without context takeover, deflated once per entry on the consumer thread and shared by
 * every client of that encoding that negotiated the extension, exactly as the plain buffer is shared.
 *
 * <p>Lifetime: the batch owns one reference to each buffer; loops and sockets hold retained slices. The last loop to
 * finish marks the batch done; the consumer reuses it only once every slice was released too (each buffer is back to
 * our single reference), and then releases the buffers itself: memory goes back to the pool on the thread that took it
 * (a buffer freed on another thread returns through a queue that allocates as it grows), and nothing is freed while
 * a socket still has to send it.
 *
 * <p>Visibility: the consumer fills the arrays before {@code EventLoop.execute}, which publishes them to the loops; the
 * loops only read. The final decrement of {@link #pendingLoops} sets {@link #loopsDone} (volatile), which publishes the
 * loops' work back to the consumer before it recycles.
 */
final class FrameBatch {
    static final int CAPACITY = 256;
    static final byte TICKER = 0;
    static final byte ALERT = 1;
    /** The server's own encoding: every ticker and every alert as a complete frame. */
    static final int NATIVE = 0;
    /**
     * Least first capacity of an encoding's buffer: a few ticks. A batch starts each round with what it needed last
     * round, so a steady rate does not grow buffers tick by tick.
     */
    private static final int INITIAL_BYTES = 2048;

    /** Entries a new batch has room for before its arrays grow (up to {@link #CAPACITY}). */
    static final int FIRST_CAPACITY = 16;

    /*
     * Sized to what the batch has needed, not to CAPACITY: a batch stays alive while a slow socket still holds a slice
     * of it, and a client behind on many small batches must not pin CAPACITY-sized arrays with each.
     */
    byte[] kinds = new byte[FIRST_CAPACITY];
    int[] products = new int[FIRST_CAPACITY];
    long[] seqs = new long[FIRST_CAPACITY];
    long[] receivedNanos = new long[FIRST_CAPACITY];
    double[] prices = new double[FIRST_CAPACITY];
    /** Each tick's own sequence number and trade id from its source; -1 when it has none. */
    long[] exchangeSequences = new long[FIRST_CAPACITY];
    long[] tradeIds = new long[FIRST_CAPACITY];
    int size;
    /** Ticker entries (the rest are alerts). */
    int tickers;
    /** The seq of the first ticker entry; 0 while there is none. */
    long firstTickerSeq;

    /** Encodings without their compressed twins: the native one and one per plug-in. */
    private final int plainEncodings;
    private final ByteBuf[] buffers;
    /** Per encoding, each entry's range in its buffer; null until the encoding is first used by this batch. */
    private final int[][] starts;
    private final int[][] ends;
    private final int[] encoded;
    private final int[] lastBytes;
    /** One task per loop, created once with the batch. */
    final Runnable[] tasks;
    private final AtomicInteger pendingLoops = new AtomicInteger();
    private volatile boolean loopsDone = true;

    /** @param encodings how many encodings the server has: the native one and one per plug-in */
    FrameBatch(LoopFanout[] loops, int encodings) {
        plainEncodings = encodings;
        int all = 2 * encodings;
        buffers = new ByteBuf[all];
        starts = new int[all][];
        ends = new int[all][];
        encoded = new int[all];
        lastBytes = new int[all];
        tasks = new Runnable[loops.length];
        for (int i = 0; i < loops.length; i++) {
            LoopFanout loop = loops[i];
            tasks[i] = () -> loop.dispatch(this);
        }
    }

    /**
     * The number of the compressed twin of {@code encoding} in a server with {@code encodings} plain encodings (the
     * twins follow the plain ones).
     */
    static int compressed(int encoding, int encodings) {
        return encoding + encodings;
    }

    /** Whether the consumer may refill this batch: every loop is done with it and every slice of it was released. */
    boolean isFree() {
        if (!loopsDone) {
            return false;
        }
        for (ByteBuf buffer : buffers) {
            if (buffer != null && buffer.refCnt() != 1) {
                return false;
            }
        }
        return true;
    }

    /** References to this batch's buffers other than the batch's own (slices not yet released). */
    int outstandingSlices() {
        int n = 0;
        for (ByteBuf buffer : buffers) {
            if (buffer != null) {
                n += Math.max(0, buffer.refCnt() - 1);
            }
        }
        return n;
    }

    /** Every loop is done with the batch (its slices may still be on their way to sockets). */
    boolean loopsDone() {
        return loopsDone;
    }

    void take() {
        loopsDone = false;
    }

    boolean isFull() {
        return size == CAPACITY;
    }

    /** Starts an entry; its bytes are then appended per encoding with {@link #output} and {@link #encoded}. */
    int add(byte kind, int product, long seq, long receivedNanos, double price, long exchangeSequence, long tradeId) {
        if (size == kinds.length) {
            grow();
        }
        int i = size++;
        kinds[i] = kind;
        products[i] = product;
        seqs[i] = seq;
        this.receivedNanos[i] = receivedNanos;
        prices[i] = price;
        exchangeSequences[i] = exchangeSequence;
        tradeIds[i] = tradeId;
        if (kind == TICKER) {
            if (tickers++ == 0) {
                firstTickerSeq = seq;
            }
        }
        return i;
    }

    private void grow() {
        int capacity = Math.min(CAPACITY, 2 * kinds.length);
        kinds = Arrays.copyOf(kinds, capacity);
        products = Arrays.copyOf(products, capacity);
        seqs = Arrays.copyOf(seqs, capacity);
        receivedNanos = Arrays.copyOf(receivedNanos, capacity);
        prices = Arrays.copyOf(prices, capacity);
        exchangeSequences = Arrays.copyOf(exchangeSequences, capacity);
        tradeIds = Arrays.copyOf(tradeIds, capacity);
    }

    /** The encoding's shared buffer, to append entry bytes to (consumer only, before the hand-off). */
    ByteBuf output(int encoding, ByteBufAllocator alloc) {
        ByteBuf buffer = buffers[encoding];
        if (buffer == null) {
            buffer = alloc.directBuffer(Math.max(INITIAL_BYTES, lastBytes[encoding]));
            buffers[encoding] = buffer;
        }
        return buffer;
    }

    /** Entry {@code i}'s bytes in this encoding are {@code [start, end)} of its buffer. */
    void encoded(int encoding, int i, int start, int end) {
        if (starts[encoding] == null || starts[encoding].length <= i) {
            growRanges(encoding);
        }
        starts[encoding][i] = start;
        ends[encoding][i] = end;
        encoded[encoding]++;
    }

    /** The encoding's shared buffer (not retained for the caller); null when nothing was encoded in it. */
    ByteBuf buffer(int encoding) {
        return buffers[encoding];
    }

    /** Room in the encoding's ranges for every entry the batch has room for; new entries have no bytes (-1). */
    private void growRanges(int encoding) {
        int[] old = starts[encoding];
        int from = old == null ? 0 : old.length;
        starts[encoding] = old == null ? new int[kinds.length] : Arrays.copyOf(old, kinds.length);
        Arrays.fill(starts[encoding], from, kinds.length, -1);
        ends[encoding] = ends[encoding] == null ? new int[kinds.length] : Arrays.copyOf(ends[encoding], kinds.length);
    }

    /** Where entry {@code i} starts in the encoding's buffer; -1 when it has no bytes in that encoding. */
    int start(int encoding, int i) {
        int[] s = starts[encoding];
        return s == null || i >= s.length ? -1 : s[i];
    }

    int end(int encoding, int i) {
        return ends[encoding][i];
    }

    /**
     * Whether the encoding's buffer holds every ticker of the batch and nothing else a ticker-only client must not
     * get: then "every ticker" is the whole buffer. The native buffer also holds the alerts, so it qualifies only for a
     * client that takes every alert too, or when there is none.
     */
    boolean wholeFor(int encoding, boolean takesAllAlerts) {
        if (buffers[encoding] == null || tickers == 0) {
            return false;
        }
        int alerts = size - tickers;
        if (encoding % plainEncodings == NATIVE) {
            return encoded[encoding] == size && (alerts == 0 || takesAllAlerts);
        }
        return encoded[encoding] == tickers;
    }

    /** Bytes of the native encoding: what a client subscribed to everything gets from this batch. */
    int bytes() {
        ByteBuf buffer = buffers[NATIVE];
        return buffer == null ? 0 : buffer.readableBytes();
    }

    /** Called by the consumer before handing the batch to {@code loops} loops. */
    void handingTo(int loops) {
        pendingLoops.set(loops);
    }

    /** Called once by each loop (or for it, when it rejected the task) after it is done with the batch. */
    void done() {
        if (pendingLoops.decrementAndGet() == 0) {
            loopsDone = true;
        }
    }

    /** Consumer only, on a free batch: releases the buffers of its last round; a no-op when it holds none. */
    void recycle() {
        for (int k = 0; k < buffers.length; k++) {
            if (buffers[k] != null) {
                lastBytes[k] = buffers[k].writerIndex();
                buffers[k].release();
                buffers[k] = null;
                if (starts[k] != null) {
                    Arrays.fill(starts[k], 0, Math.min(size, starts[k].length), -1);
                }
                encoded[k] = 0;
            }
        }
        size = 0;
        tickers = 0;
        firstTickerSeq = 0;
    }
}
