package dev.tickerplant.ingest.ring;

import java.util.List;

/** Told when the followed products change at run time (catalog refresh, an operator's change). */
@FunctionalInterface
public interface ProductSetListener {
    /**
     * Called on the thread that made the change, never the ring consumer; quick, and never blocking.
     *
     * @param added   products followed from now on
     * @param removed products no longer followed
     * @param reason  why, in a few words ("delisted: no longer in the catalog", "removed by the admin API")
     */
    void onProductsChanged(List<String> added, List<String> removed, String reason);
}
