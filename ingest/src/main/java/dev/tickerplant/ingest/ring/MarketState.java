package dev.tickerplant.ingest.ring;

import com.lmax.disruptor.EventHandler;
import dev.tickerplant.ingest.codec.AsciiField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ring's single consumer and the only writer of market state: it de-duplicates, numbers accepted ticks with a
 * global sequence, keeps the latest ticker per product and hands accepted ticks to the downstream listeners. Being the
 * single writer is what lets all of this run without locks.
 */
public final class MarketState implements EventHandler<TickEvent>, MarketView {
    private final Map<AsciiField, ProductEntry> byKey = new HashMap<>();          // consumer thread only
    private final Map<String, ProductEntry> byId = new ConcurrentHashMap<>();
    private volatile ProductEntry[] entries = new ProductEntry[0];
    private final List<TickListener> listeners = new CopyOnWriteArrayList<>();
    private volatile long lastSeq;
    private volatile long accepted;
    private volatile long duplicates;

    /** Registers the planned products up front so that lookups on the hot path find them. Call before start. */
    public MarketState(List<String> productIds) {
        for (String id : productIds) {
            register(id);
        }
    }

    public void addListener(TickListener listener) {
        listeners.add(listener);
    }

    @Override
    public void onEvent(TickEvent event, long sequence, boolean endOfBatch) {
        ProductEntry entry = byKey.get(event.ticker.productId);
        if (entry == null) {
            // A product we did not plan for (e.g. an alias the exchange answers under another id): keep it too.
            entry = register(event.ticker.productId.toString());
        }
        event.productIndex = entry.index();
        if (entry.accept(event)) {
            long seq = lastSeq + 1;
            lastSeq = seq;
            accepted = accepted + 1;
            event.globalSeq = seq;
            event.accepted = true;
            entry.latest.write(event);
            for (TickListener listener : listeners) {
                listener.onTick(event);
            }
        } else {
            duplicates = duplicates + 1;
        }
        if (endOfBatch) {
            for (TickListener listener : listeners) {
                listener.onBatchEnd();
            }
        }
    }

    private ProductEntry register(String id) {
        ProductEntry existing = byId.get(id);
        if (existing != null) {
            return existing;
        }
        ProductEntry[] current = entries;
        ProductEntry entry = new ProductEntry(id, current.length);
        AsciiField key = new AsciiField();
        key.set(id);
        byKey.put(key, entry);
        byId.put(id, entry);
        ProductEntry[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = entry;
        entries = grown;
        return entry;
    }

    @Override
    public List<ProductEntry> products() {
        return List.of(entries);
    }

    @Override
    public ProductEntry product(String productId) {
        return byId.get(productId);
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public long accepted() {
        return accepted;
    }

    @Override
    public long duplicates() {
        return duplicates;
    }

    /** Number of products that delivered at least one tick since start. */
    public int productsSeen() {
        int n = 0;
        for (ProductEntry e : entries) {
            if (e.lastSeenEpochNanos() != 0) {
                n++;
            }
        }
        return n;
    }

    List<ProductEntry> snapshotEntries() {
        return new ArrayList<>(Arrays.asList(entries));
    }
}
