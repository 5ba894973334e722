package dev.tickerplant.health;

/**
 * The product catalog's refreshes as health reads them, one snapshot per read; only on a node that follows products
 * from the catalog (roles all and ingest).
 *
 * @param refreshesOk            refreshes applied since start, whether or not they changed anything
 * @param refreshesFailed        refreshes that changed nothing because the fetch or the selection failed
 * @param lastRefreshEpochMillis when the last refresh was applied; 0 before the first (the start-up fetch is not one)
 * @param productsFollowed       products followed now
 */
public record CatalogFigures(long refreshesOk, long refreshesFailed, long lastRefreshEpochMillis,
                             int productsFollowed) {
}
