package dev.tickerplant.sim.feed;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * An immutable set of product indices, cheap to test from the tick pump while an event loop replaces it.
 */
final class ProductSet {

    static final ProductSet EMPTY = new ProductSet(new long[0]);

    private final long[] words;

    private ProductSet(long[] words) {
        this.words = words;
    }

    static ProductSet of(Iterable<Integer> indices) {
        long[] words = new long[0];
        for (int index : indices) {
            int word = index >>> 6;
            if (word >= words.length) {
                words = Arrays.copyOf(words, word + 1);
            }
            words[word] |= 1L << index;
        }
        return words.length == 0 ? EMPTY : new ProductSet(words);
    }

    boolean contains(int index) {
        int word = index >>> 6;
        return word < words.length && (words[word] & (1L << index)) != 0;
    }

    boolean isEmpty() {
        for (long word : words) {
            if (word != 0) {
                return false;
            }
        }
        return true;
    }

    void forEach(IntConsumer action) {
        for (int w = 0; w < words.length; w++) {
            long bits = words[w];
            while (bits != 0) {
                int bit = Long.numberOfTrailingZeros(bits);
                action.accept((w << 6) + bit);
                bits &= bits - 1;
            }
        }
    }

    /** The members of this set that {@code other} lacks. */
    ProductSet minus(ProductSet other) {
        long[] result = words.clone();
        for (int w = 0; w < Math.min(result.length, other.words.length); w++) {
            result[w] &= ~other.words[w];
        }
        return new ProductSet(result);
    }
}
