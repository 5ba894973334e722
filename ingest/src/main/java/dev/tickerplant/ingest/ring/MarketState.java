package dev.tickerplant.ingest.ring;

import com.lmax.disruptor.EventHandler;
import dev.tickerplant.coinbase.ProductNames;
import dev.tickerplant.ingest.codec.AsciiField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import dev.tickerplant.ingest.metrics.LatencyRecorder;

/**
 * The ring's single consumer and the only writer of market state: it de-duplicates, numbers accepted ticks with a
 * global sequence, keeps the latest ticker per product and hands accepted ticks to the downstream listeners. Being the
 * single writer is what lets all of this run without locks.
 */
public final class MarketState implements EventHandler<TickEvent>, MarketView {
    /** Redundant legs per shard that are told apart in the figures. */
    public static final int MAX_LEGS = 2;

    private final Map<AsciiField, ProductEntry> byKey = new HashMap<>();          // consumer thread only
    private final Map<String, ProductEntry> byId = new ConcurrentHashMap<>();
    private final String quoteCurrency;
    private volatile ProductEntry[] entries = new ProductEntry[0];
    /** Replaced, never mutated, on the rare add: iterating an array allocates nothing per tick. */
    private volatile TickListener[] listeners = new TickListener[0];
    private final List<ProductSetListener> productSetListeners = new CopyOnWriteArrayList<>();
    private volatile long lastSeq;
    private volatile long accepted;
    private volatile long duplicates;
    /** Per redundant leg: ticks it delivered first (wins) and copies it delivered after the other leg (losses). */
    private final AtomicLongArray legWins = new AtomicLongArray(MAX_LEGS);
    private final AtomicLongArray legLosses = new AtomicLongArray(MAX_LEGS);
    private final LatencyRecorder[] legLag = new LatencyRecorder[MAX_LEGS];
    private final LatencyRecorder exchangeToReceive = new LatencyRecorder("exchange_to_receive",
            "Exchange timestamp of a tick to the moment its frame was read off the upstream socket");
    private final LatencyRecorder receiveToConsumer = new LatencyRecorder("receive_to_consumer",
            "Upstream frame read to the tick being processed by the ring consumer");

    /** Products named by a bare base currency are quoted in the setting's default, USD. */
    public MarketState(List<String> productIds) {
        this(productIds, ProductNames.DEFAULT_QUOTE_CURRENCY);
    }

    /**
     * Registers the planned products up front so that lookups on the hot path find them. Call before start.
     *
     * @param quoteCurrency the {@code quote-currency} setting, for products named by a bare base currency
     */
    public MarketState(List<String> productIds, String quoteCurrency) {
        this.quoteCurrency = Objects.requireNonNull(quoteCurrency, "quoteCurrency");
        for (int leg = 0; leg < MAX_LEGS; leg++) {
            legLag[leg] = new LatencyRecorder("leg_" + (char) ('a' + leg) + "_lag",
                    "How much later leg " + (char) ('A' + leg) + " delivered a tick the other leg delivered first");
        }
        for (String id : productIds) {
            register(id);
        }
    }

    public synchronized void addListener(TickListener listener) {
        TickListener[] grown = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        grown[listeners.length] = listener;
        listeners = grown;
    }

    /** The consumer thread is stopping: listeners release what they hold for it. */
    @Override
    public void onShutdown() {
        for (TickListener listener : listeners) {
            listener.onShutdown();
        }
    }

    @Override
    public void onEvent(TickEvent event, long sequence, boolean endOfBatch) {
        ProductEntry entry = byKey.get(event.ticker.productId);
        if (entry == null) {
            entry = firstTickOf(event.ticker.productId);
        }
        event.productIndex = entry.index();
        if (!entry.followed()) {
            // Left the followed set: what its old link still delivers while it drains goes no further.
            if (endOfBatch) {
                endBatch();
            }
            return;
        }
        int leg = Math.min(event.leg, MAX_LEGS - 1);
        receiveToConsumer.record(System.nanoTime() - event.receivedNanos);
        boolean numbered = event.busSequence >= 0;
        if (numbered ? entry.acceptNumbered(event, lastSeq) : entry.accept(event)) {
            if (event.ticker.exchangeTimeNanos != Long.MIN_VALUE) {
                exchangeToReceive.record(event.receivedEpochNanos - event.ticker.exchangeTimeNanos);
            }
            legWins.lazySet(leg, legWins.get(leg) + 1);
            long seq = numbered ? event.busSequence : lastSeq + 1;
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
            legLosses.lazySet(leg, legLosses.get(leg) + 1);
            if (entry.lastDuplicateLagNanos >= 0) {
                legLag[leg].record(entry.lastDuplicateLagNanos);
            }
        }
        if (endOfBatch) {
            endBatch();
        }
    }

    private void endBatch() {
        for (TickListener listener : listeners) {
            listener.onBatchEnd();
        }
    }

    /**
     * The consumer's first tick of a product it has no key for: one registered since (by {@link #follow}, from
     * another thread), or one nobody planned (e.g. an alias the exchange answers under another id), kept too.
     */
    private ProductEntry firstTickOf(AsciiField productId) {
        String id = productId.toString();
        ProductEntry entry = byId.get(id);
        if (entry == null) {
            entry = register(id);
        }
        AsciiField key = new AsciiField();
        key.set(id);
        byKey.put(key, entry);
        return entry;
    }

    /** Any thread; the consumer learns of the entry through {@link #byId} on the product's first tick. */
    private synchronized ProductEntry register(String id) {
        ProductEntry existing = byId.get(id);
        if (existing != null) {
            return existing;
        }
        ProductEntry[] current = entries;
        ProductEntry entry = new ProductEntry(id, current.length);
        ProductEntry[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = entry;
        entries = grown;
        byId.put(id, entry);
        return entry;
    }

    /**
     * Changes the followed set at run time: {@code added} are registered (or followed again, with the index they
     * had), {@code removed} leave {@link #followedProducts()} and {@link #named} but keep their entry, so that a late tick
     * and the subscribers still holding the index find it. The listeners are told of what actually changed.
     *
     * @param reason why, for the listeners (e.g. "delisted: no longer in the catalog")
     */
    public void follow(Collection<String> added, Collection<String> removed, String reason) {
        List<String> joined = new ArrayList<>();
        List<String> left = new ArrayList<>();
        synchronized (this) {
            for (String id : added) {
                ProductEntry known = byId.get(id);
                if (known == null || !known.followed()) {
                    register(id).followed(true);
                    joined.add(id);
                }
            }
            for (String id : removed) {
                ProductEntry entry = byId.get(id);
                if (entry != null && entry.followed()) {
                    entry.followed(false);
                    left.add(id);
                }
            }
        }
        if (!joined.isEmpty() || !left.isEmpty()) {
            for (ProductSetListener listener : productSetListeners) {
                listener.onProductsChanged(List.copyOf(joined), List.copyOf(left), reason);
            }
        }
    }

    public void addProductSetListener(ProductSetListener listener) {
        productSetListeners.add(listener);
    }

    @Override
    public List<ProductEntry> products() {
        return List.of(entries);
    }

    @Override
    public List<ProductEntry> followedProducts() {
        List<ProductEntry> followed = new ArrayList<>();
        for (ProductEntry e : entries) {
            if (e.followed()) {
                followed.add(e);
            }
        }
        return followed;
    }

    @Override
    public ProductEntry product(String productId) {
        return byId.get(productId);
    }

    @Override
    public ProductEntry named(String name) {
        ProductEntry entry = byId.get(ProductNames.productId(name, quoteCurrency));
        return entry != null && entry.followed() ? entry : null;
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

    /** The consumer-side stage latencies: exchange time → receive, receive → consumer. */
    public List<LatencyRecorder> stageLatencies() {
        return List.of(exchangeToReceive, receiveToConsumer);
    }

    @Override
    public long legWins(int leg) {
        return legWins.get(leg);
    }

    @Override
    public long legLosses(int leg) {
        return legLosses.get(leg);
    }

    @Override
    public LatencyRecorder legLag(int leg) {
        return legLag[leg];
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

}
