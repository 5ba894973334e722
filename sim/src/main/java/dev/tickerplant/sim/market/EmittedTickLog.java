package dev.tickerplant.sim.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every tick the simulator generated, in order, so tests can prove a client received all of them.
 *
 * <p>A tick counts as emitted when it is generated, whether or not a fault later drops it for some connection. The
 * log keeps the most recent {@code capacity} ticks of the whole market and forgets older ones. The tick pump is the
 * only writer; readers take consistent copies from any thread.
 */
public final class EmittedTickLog {

    public static final int DEFAULT_CAPACITY = 1_000_000;
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;

    private final int capacity;
    /** Ring storage, allocated chunk by chunk so that a short run does not reserve room for a million ticks. */
    private final Tick[][] chunks;
    private long total;

    EmittedTickLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("emitted log capacity: " + capacity + " (expected: >= 1)");
        }
        this.capacity = capacity;
        this.chunks = new Tick[(capacity + CHUNK_SIZE - 1) / CHUNK_SIZE][];
    }

    synchronized void appendAll(List<Tick> ticks) {
        for (Tick tick : ticks) {
            int slot = (int) (total % capacity);
            Tick[] chunk = chunks[slot >>> CHUNK_BITS];
            if (chunk == null) {
                chunk = new Tick[Math.min(CHUNK_SIZE, capacity - (slot & ~(CHUNK_SIZE - 1)))];
                chunks[slot >>> CHUNK_BITS] = chunk;
            }
            chunk[slot & (CHUNK_SIZE - 1)] = tick;
            total++;
        }
    }

    /** How many ticks were ever emitted, including those the log has forgotten. */
    public synchronized long total() {
        return total;
    }

    /** How many ticks the log still holds. */
    public synchronized int retained() {
        return (int) Math.min(total, capacity);
    }

    public int capacity() {
        return capacity;
    }

    /** The retained ticks of one product, oldest first; empty for an unknown id or a product that never traded. */
    public List<Tick> ticksFor(String productId) {
        return select(productId);
    }

    /** All retained ticks of the market, oldest first. */
    public List<Tick> all() {
        return select(null);
    }

    /** The retained tick with this per-product emission number, if any. */
    public Optional<Tick> find(String productId, long emission) {
        return ticksFor(productId).stream().filter(t -> t.emission() == emission).findFirst();
    }

    private synchronized List<Tick> select(String productId) {
        int retained = retained();
        List<Tick> result = new ArrayList<>(productId == null ? retained : 16);
        for (long position = total - retained; position < total; position++) {
            int slot = (int) (position % capacity);
            Tick tick = chunks[slot >>> CHUNK_BITS][slot & (CHUNK_SIZE - 1)];
            if (productId == null || tick.product().id().equals(productId)) {
                result.add(tick);
            }
        }
        return result;
    }
}
