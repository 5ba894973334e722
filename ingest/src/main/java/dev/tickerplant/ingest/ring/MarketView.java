package dev.tickerplant.ingest.ring;

import java.util.List;

/** Read-only view of market state for other threads (health, stats, fanout snapshots). Never blocks the consumer. */
public interface MarketView {
    /**
     * Every product known so far, in registration order: a product's index is its position, so the list holds the
     * products no longer followed too (check {@link ProductEntry#followed()}, or use {@link #followedProducts()}).
     */
    List<ProductEntry> products();

    /** The products followed now, in registration order. */
    List<ProductEntry> followedProducts();

    /** The entry for a product id, or null when the product is unknown. */
    ProductEntry product(String productId);

    /**
     * The entry for a product as a client names it, by the rule of the {@code products} setting
     * ({@link dev.tickerplant.coinbase.ProductNames}: any case, {@code BTC} for {@code BTC-USD} in USD), or null.
     */
    ProductEntry named(String name);

    /** Global sequence number of the last accepted tick (0 before the first). */
    long lastSeq();

    long accepted();

    long duplicates();

    /** Ticks redundant leg {@code leg} (0 = A, 1 = B) delivered first. */
    long legWins(int leg);

    /** Ticks leg {@code leg} delivered after another link already had. */
    long legLosses(int leg);

    /** How late leg {@code leg}'s losing copies arrived. */
    dev.tickerplant.ingest.metrics.LatencyRecorder legLag(int leg);
}
