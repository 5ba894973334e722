package dev.tickerplant.sim.market;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent tick of every product, readable from any thread.
 *
 * <p>Only the tick pump writes. A feed connection that subscribes reads its snapshot from here, so the snapshot and
 * the updates that follow it meet without a gap (see {@code FeedSession}).
 */
public final class LatestTicks {

    private final ProductCatalog catalog;
    private final AtomicReferenceArray<Tick> latest;

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
        latest.set(tick.product().index(), tick);
    }
}
