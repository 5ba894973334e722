package dev.tickerplant.ingest.catalog;

import java.time.Instant;
import java.util.Objects;

/** A catalog read back from the cache file, with the time it was written there. */
public record CachedCatalog(ProductCatalog catalog, Instant writtenAt) {

    public CachedCatalog {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(writtenAt, "writtenAt");
    }
}
