package dev.tickerplant.ingest.ring;

/**
 * The content keys of the last {@code capacity} tickers accepted for one product, each with its receive time; when
 * full, the oldest is forgotten first. An open-addressing index makes a lookup one probe or two however long the
 * window, so the window can cover a leg that trails the other by seconds of one product's ticks. Ring consumer only;
 * allocation-free after construction.
 */
final class RecentKeys {
    private final long[] keys;
    private final long[] receivedNanos;
    /** Slot + 1 of each key in {@link #keys}, 0 for empty; linear probing, never more than three quarters full. */
    private final int[] index;
    private final int mask;
    private int next;
    private int count;

    RecentKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        keys = new long[capacity];
        receivedNanos = new long[capacity];
        index = new int[Integer.highestOneBit(capacity) * 2];
        mask = index.length - 1;
    }

    /** The slot holding {@code key}, or -1 when it is not in the window. */
    int indexOf(long key) {
        for (int i = home(key); ; i = (i + 1) & mask) {
            int slot = index[i] - 1;
            if (slot < 0) {
                return -1;
            }
            if (keys[slot] == key) {
                return slot;
            }
        }
    }

    long receivedNanos(int slot) {
        return receivedNanos[slot];
    }

    /** Adds a key not in the window, forgetting the oldest one when the window is full. */
    void add(long key, long nanos) {
        if (count == keys.length) {
            unindex(keys[next]);
        } else {
            count++;
        }
        keys[next] = key;
        receivedNanos[next] = nanos;
        int i = home(key);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = next + 1;
        next = (next + 1) % keys.length;
    }

    int size() {
        return count;
    }

    /** Removes a key from the index, shifting later entries of its probe run back so lookups still find them. */
    private void unindex(long key) {
        int hole = home(key);
        while (keys[index[hole] - 1] != key) {
            hole = (hole + 1) & mask;
        }
        index[hole] = 0;
        for (int j = (hole + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int wanted = home(keys[index[j] - 1]);
            // Move the entry into the hole unless its home lies (cyclically) after the hole and up to j.
            boolean homeBetween = hole <= j ? (wanted > hole && wanted <= j) : (wanted > hole || wanted <= j);
            if (!homeBetween) {
                index[hole] = index[j];
                index[j] = 0;
                hole = j;
            }
        }
    }

    private int home(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
