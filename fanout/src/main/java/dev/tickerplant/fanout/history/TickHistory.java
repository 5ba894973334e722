package dev.tickerplant.fanout.history;

import dev.tickerplant.fanout.protocol.WebSocketFrames;
import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.IntPredicate;

/**
 * The payloads of the most recent ticks, for clients that resume with {@code since_seq}. The ring consumer is the only
 * writer and appends without allocating: entries live in preallocated slots (seq, product, position) and their bytes in
 * one preallocated byte ring. An entry is evicted when its slot or its bytes are needed again, whichever comes first.
 *
 * <p>Readers (the fanout event loops) never block the writer. The writer publishes the new oldest seq <em>before</em>
 * overwriting anything, and a reader checks after copying that the entries it copied are still at or after the oldest;
 * if not, the copy may be torn and the read reports failure (a seqlock on the eviction boundary).
 */
public final class TickHistory {
    /** Bytes reserved per entry; a ticker payload is typically 350–500 bytes. */
    static final int BYTES_PER_ENTRY = 512;
    private static final int MIN_DATA_BYTES = 64 * 1024;
    private static final VarHandle OLDEST;
    private static final VarHandle LAST;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OLDEST = lookup.findVarHandle(TickHistory.class, "oldestSeq", long.class);
            LAST = lookup.findVarHandle(TickHistory.class, "lastSeq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final int mask;
    private final long[] seqs;
    private final int[] products;
    private final long[] starts;   // virtual byte position: grows forever, physical = start % data.length
    private final int[] lengths;
    private final byte[] data;
    private long nextStart;        // writer only

    @SuppressWarnings("unused") // accessed through OLDEST
    private volatile long oldestSeq = 1;
    @SuppressWarnings("unused") // accessed through LAST
    private volatile long lastSeq;

    /** @param capacity entries kept at most; a power of two */
    public TickHistory(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: a power of two >= 2)");
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.seqs = new long[capacity];
        this.products = new int[capacity];
        this.starts = new long[capacity];
        this.lengths = new int[capacity];
        this.data = new byte[(int) Math.min(Integer.MAX_VALUE - 8,
                Math.max(MIN_DATA_BYTES, (long) capacity * BYTES_PER_ENTRY))];
    }

    public int capacity() {
        return capacity;
    }

    /** The oldest seq still held; {@code lastSeq() + 1} when empty. */
    public long oldestSeq() {
        return (long) OLDEST.getAcquire(this);
    }

    /** The newest seq appended; 0 before the first. */
    public long lastSeq() {
        return (long) LAST.getAcquire(this);
    }

    /**
     * Consumer thread only. Seqs must be appended in order, each one more than the last (the market's global
     * sequence); a payload larger than the byte ring cannot be kept and empties the history instead.
     */
    public void append(long seq, int productIndex, byte[] payload, int length) {
        long oldest = (long) OLDEST.getOpaque(this);
        long last = (long) LAST.getOpaque(this);
        if (seq != last + 1) {
            // A gap (e.g. the history was attached after ticks had flowed): nothing older can be replayed seamlessly.
            oldest = seq;
        }
        if (length > data.length) {
            publishOldest(seq + 1);
            LAST.setRelease(this, seq);
            return;
        }
        long start = nextStart;
        int physical = (int) (start % data.length);
        if (physical + length > data.length) {
            start += data.length - physical; // entries never wrap around the end of the byte ring
        }
        long end = start + length;
        if (seq - oldest >= capacity) {
            oldest = seq - capacity + 1;
        }
        while (oldest < seq && starts[(int) (oldest & mask)] < end - data.length) {
            oldest++;
        }
        publishOldest(oldest);
        int slot = (int) (seq & mask);
        seqs[slot] = seq;
        products[slot] = productIndex;
        starts[slot] = start;
        lengths[slot] = length;
        System.arraycopy(payload, 0, data, (int) (start % data.length), length);
        nextStart = end;
        LAST.setRelease(this, seq);
    }

    private void publishOldest(long oldest) {
        if (oldest != (long) OLDEST.getOpaque(this)) {
            OLDEST.setVolatile(this, oldest);
            VarHandle.storeStoreFence(); // readers must see the new boundary before any overwritten byte
        }
    }

    /**
     * Appends, as complete WebSocket text frames, every held tick with {@code after < seq <= upTo} whose product
     * {@code wanted} accepts, and returns how many it appended. Returns -1, having written an unspecified part, when
     * any of those ticks is no longer held (the caller discards the output and falls back to a snapshot).
     */
    public int replay(long after, long upTo, IntPredicate wanted, ByteBuf out) {
        if (after + 1 < oldestSeq() || upTo > lastSeq()) {
            return -1;
        }
        int frames = 0;
        for (long seq = after + 1; seq <= upTo; seq++) {
            int slot = (int) (seq & mask);
            long slotSeq = seqs[slot];
            int product = products[slot];
            long start = starts[slot];
            int length = lengths[slot];
            if (slotSeq != seq || length < 0 || length > data.length) {
                return -1; // overwritten while we read
            }
            if (wanted.test(product)) {
                int physical = (int) (start % data.length);
                if (physical < 0 || physical + length > data.length) {
                    return -1;
                }
                WebSocketFrames.appendText(out, data, physical, length);
                frames++;
            }
        }
        VarHandle.loadLoadFence(); // the copies above happen before the check below
        return after + 1 >= oldestSeq() ? frames : -1;
    }
}
