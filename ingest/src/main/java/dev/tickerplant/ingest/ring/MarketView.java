package dev.tickerplant.ingest.ring;

import java.util.List;

/** Read-only view of market state for other threads (health, stats, fanout snapshots). Never blocks the consumer. */
public interface MarketView {
    /** Products known so far, in registration order. */
    List<ProductEntry> products();

    /** The entry for a product id, or null when the product is unknown. */
    ProductEntry product(String productId);

    /** Global sequence number of the last accepted tick (0 before the first). */
    long lastSeq();

    long accepted();

    long duplicates();
}
