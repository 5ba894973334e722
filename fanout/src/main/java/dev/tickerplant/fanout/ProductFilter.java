package dev.tickerplant.fanout;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Which products one client wants on one channel: a bitset over the market's product index plus an all-products
 * flag. Owned by the client's event loop; {@link #matches} is the per-tick check and does not allocate. Every change
 * is reported to the listener given at construction, so the loop's per-product index can follow it. Public for plug-in
 * endpoints, which keep their channels' products in it ({@link EndpointSession#ticker()} and their own).
 */
public final class ProductFilter {
    private static final Runnable NO_LISTENER = () -> { };

    private final Runnable onChange;
    private boolean all;
    private long[] bits = new long[0];
    private int count;

    public ProductFilter() {
        this(NO_LISTENER);
    }

    ProductFilter(Runnable onChange) {
        this.onChange = onChange;
    }

    boolean matches(int index) {
        if (all) {
            return true;
        }
        int word = index >>> 6;
        return index >= 0 && word < bits.length && (bits[word] & (1L << index)) != 0;
    }

    /** Whether every product, present and future, is in the set. */
    public boolean all() {
        return all;
    }

    /** Every product, present and future, in or out of the set; the listed ones stay as they are. */
    public void all(boolean value) {
        if (all != value) {
            all = value;
            onChange.run();
        }
    }

    public boolean contains(int index) {
        int word = index >>> 6;
        return index >= 0 && word < bits.length && (bits[word] & (1L << index)) != 0;
    }

    /** Returns true when the index was not in the set before. */
    public boolean add(int index) {
        int word = index >>> 6;
        if (word >= bits.length) {
            bits = Arrays.copyOf(bits, Math.max(word + 1, bits.length * 2));
        }
        long before = bits[word];
        bits[word] = before | (1L << index);
        if (before != bits[word]) {
            count++;
            onChange.run();
            return true;
        }
        return false;
    }

    public void remove(int index) {
        int word = index >>> 6;
        if (index >= 0 && word < bits.length && (bits[word] & (1L << index)) != 0) {
            bits[word] &= ~(1L << index);
            count--;
            onChange.run();
        }
    }

    public void clear() {
        if (size() > 0) {
            all = false;
            Arrays.fill(bits, 0);
            count = 0;
            onChange.run();
        }
    }

    /** Subscriptions this filter stands for: one per listed product, and one for "*". */
    public int size() {
        return count + (all ? 1 : 0);
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Calls {@code action} for every listed product index, in index order ("*" not included). */
    public void forEachListed(IntConsumer action) {
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                int bit = Long.numberOfTrailingZeros(word);
                action.accept(w * 64 + bit);
                word &= word - 1;
            }
        }
    }
}
