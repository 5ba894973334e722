package dev.tickerplant.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The newest tick per product held back for a client whose socket is not writable. Each is a copy of its bytes in a
 * buffer of the client's own: a shared batch buffer must not be pinned by a client that may stay slow for seconds,
 * and a product's copy is overwritten in place when a newer tick replaces it (a drop). Alerts and status messages that
 * arrive meanwhile are held too, in order, and are never replaced: they leave in seq order with the ticks, so none
 * overtakes a tick that came before it. Confined to the client's loop.
 */
final class Conflation {
    /** Messages held beyond this many (a client slow for long) are dropped, oldest first. */
    static final int MAX_MESSAGES = 64;

    /** Receives the held ticks and messages in seq order; takes ownership of each buffer. */
    interface Sink {
        void tick(ByteBuf bytes);

        void message(ByteBuf frame);
    }

    private ByteBuf[] held = new ByteBuf[0];
    private long[] heldSeq = new long[0];
    /** The products holding a tick, in the order they were first held. */
    private int[] order = new int[0];
    private int count;
    /** Alerts and status frames held, in arrival order, each with the seq of the last tick before it. */
    private final ByteBuf[] messages = new ByteBuf[MAX_MESSAGES];
    private final long[] messageSeq = new long[MAX_MESSAGES];
    private int messageHead;
    private int messageCount;

    boolean isEmpty() {
        return count == 0 && messageCount == 0;
    }

    /**
     * Holds a message (alert, status) that must not overtake the held ticks; {@code seq} is the seq of the last tick
     * before it. Returns true when the buffer was full and the oldest message was dropped to make room.
     */
    boolean holdMessage(long seq, ByteBuf source, int index, int length, ByteBufAllocator alloc) {
        boolean dropped = false;
        if (messageCount == MAX_MESSAGES) {
            messages[messageHead].release();
            messages[messageHead] = null;
            messageHead = (messageHead + 1) % MAX_MESSAGES;
            messageCount--;
            dropped = true;
        }
        int slot = (messageHead + messageCount++) % MAX_MESSAGES;
        messages[slot] = alloc.directBuffer(length).writeBytes(source, index, length);
        messageSeq[slot] = seq;
        return dropped;
    }

    /**
     * Holds {@code [index, index + length)} of {@code source} as the product's newest tick; returns true when it
     * replaced one (which the client will never get).
     */
    boolean hold(int product, long seq, ByteBuf source, int index, int length, ByteBufAllocator alloc) {
        ensure(product);
        ByteBuf copy = held[product];
        boolean replaced = copy != null;
        if (copy == null) {
            copy = alloc.directBuffer(length);
            held[product] = copy;
            order[count++] = product;
        }
        copy.clear().writeBytes(source, index, length);
        heldSeq[product] = seq;
        return replaced;
    }

    /** Drops the product's held tick when a snapshot or replay superseded it (seq at or below {@code seq}). */
    void discard(int product, long seq) {
        if (product < held.length && held[product] != null && heldSeq[product] <= seq) {
            held[product].release();
            held[product] = null;
            int w = 0;
            for (int i = 0; i < count; i++) {
                if (order[i] != product) {
                    order[w++] = order[i];
                }
            }
            count = w;
        }
    }

    /** Drops the held ticks of the products {@code wanted} no longer takes: their subscription went while held. */
    void discardUnless(IntPredicate wanted) {
        int w = 0;
        for (int i = 0; i < count; i++) {
            int product = order[i];
            if (wanted.test(product)) {
                order[w++] = product;
            } else {
                held[product].release();
                held[product] = null;
            }
        }
        count = w;
    }

    /** Drops every held tick at or below {@code seq}. */
    void discardUpTo(long seq) {
        for (int i = count - 1; i >= 0; i--) {
            discard(order[i], seq);
        }
    }

    /** Hands every held tick and message to {@code sink}, oldest seq first, and forgets them; returns how many. */
    int drain(Sink sink) {
        // Insertion sort by seq: at most one entry per product, and usually a handful.
        for (int i = 1; i < count; i++) {
            int product = order[i];
            int j = i - 1;
            while (j >= 0 && heldSeq[order[j]] > heldSeq[product]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = product;
        }
        int ticks = count;
        int total = ticks + messageCount;
        count = 0;
        int t = 0;
        while (t < ticks || messageCount > 0) {
            // A message goes before the ticks newer than the last tick it followed.
            boolean messageFirst = messageCount > 0 && (t == ticks || messageSeq[messageHead] < heldSeq[order[t]]);
            if (messageFirst) {
                ByteBuf frame = messages[messageHead];
                messages[messageHead] = null;
                messageHead = (messageHead + 1) % MAX_MESSAGES;
                messageCount--;
                sink.message(frame);
            } else {
                int product = order[t++];
                ByteBuf bytes = held[product];
                held[product] = null;
                sink.tick(bytes);
            }
        }
        return total;
    }

    void release() {
        for (int i = 0; i < count; i++) {
            int product = order[i];
            held[product].release();
            held[product] = null;
        }
        count = 0;
        while (messageCount > 0) {
            messages[messageHead].release();
            messages[messageHead] = null;
            messageHead = (messageHead + 1) % MAX_MESSAGES;
            messageCount--;
        }
    }

    private void ensure(int product) {
        if (product >= held.length) {
            int n = Math.max(product + 1, held.length * 2);
            held = Arrays.copyOf(held, n);
            heldSeq = Arrays.copyOf(heldSeq, n);
            order = Arrays.copyOf(order, n);
        }
    }
}
