package dev.tickerplant.ingest.catalog;

import java.util.List;

/**
 * What the {@code products} setting selects from a catalog fetched again at run time. Nothing here is fatal: the daemon
 * is running, and logs what it drops or keeps.
 *
 * @param products the products to follow, in the selection's order; empty when the catalog now selects nothing, in
 *                 which case the caller keeps what it follows rather than drop everything
 * @param gone     ids the explicit selection names that the catalog no longer has or no longer lists as online and
 *                 tradable, in the order named; the caller logs and stops following them. Always empty for a top N
 *                 or all-of-quote selection, whose products simply leave the ranking.
 */
public record RefreshedSelection(List<Product> products, List<String> gone) {

    public RefreshedSelection {
        products = List.copyOf(products);
        gone = List.copyOf(gone);
    }
}
