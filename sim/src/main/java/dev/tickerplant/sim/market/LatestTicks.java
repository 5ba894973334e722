package dev.tickerplant.sim.market;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent tick of every product, readable from any thread.
 *
 * <p>Only the tick pump writes, or a listing while it holds the pump out (see {@link Market#list}). A feed
 * connection that subscribes reads its snapshot from here, so the snapshot and the updates that follow it meet without
 * a gap (see {@code FeedSession}).
 */
public final class LatestTicks {

    private final ProductCatalog catalog;
    /** Replaced by a larger copy when a listing outgrows it; writers are serialised, so no write is lost. */
    private volatile AtomicReferenceArray<Tick> latest;

    LatestTicks(ProductCatalog catalog) {
        this.catalog = catalog;
        this.latest = new AtomicReferenceArray<>(catalog.size());
    }

    /** The latest tick of the product whose data {@code product} streams (the aliased product for an alias). */
    public Tick of(Product product) {
        return latest.get(product.dataSourceIndex());
    }

    /** The latest tick by product id, following aliases; an unknown id is an {@link IllegalArgumentException}. */
    public Tick of(String productId) {
        return of(catalog.require(productId));
    }

    /** The latest tick by the index of a non-alias product. */
    public Tick ofIndex(int sourceIndex) {
        return latest.get(sourceIndex);
    }

    void record(Tick tick) {
        int index = tick.product().index();
        AtomicReferenceArray<Tick> current = latest;
        if (index >= current.length()) {
            AtomicReferenceArray<Tick> grown = new AtomicReferenceArray<>(Math.max(index + 1, current.length() * 2));
            for (int i = 0; i < current.length(); i++) {
                grown.set(i, current.get(i));
            }
            latest = grown;
            current = grown;
        }
        current.set(index, tick);
    }
}
