package dev.tickerplant.ingest.catalog;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up path to a catalog: fetch it and refresh the cache, or, when the REST endpoint fails, fall back to the
 * cache with one WARN line, so that a REST outage alone does not stop a restart.
 */
public final class CatalogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogLoader.class);

    private final CatalogSource source;
    private final CatalogCache cache;

    public CatalogLoader(CatalogSource source, CatalogCache cache) {
        this.source = Objects.requireNonNull(source, "source");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** @throws StartupException when the REST endpoint fails and no usable cache exists */
    public ProductCatalog load() {
        ProductCatalog fetched;
        try {
            fetched = source.fetch();
        } catch (CatalogUnavailableException restFailure) {
            return fromCache(restFailure);
        }
        try {
            Instant writtenAt = cache.write(fetched);
            LOG.info("Catalog of {} products fetched from {}; cached in {} at {}",
                    fetched.size(), source.endpoint(), cache.file(), writtenAt);
        } catch (IOException e) {
            // The fetched catalog is good; a cache we cannot write only matters at a later start without REST.
            LOG.warn("Catalog of {} products fetched from {} but not cached in {} ({}); a later start-up while REST"
                    + " is down will have no cached catalog", fetched.size(), source.endpoint(), cache.file(),
                    OneLine.of(String.valueOf(e)));
        }
        return fetched;
    }

    /**
     * The run-time path: fetches the catalog again and refreshes the cache. Unlike {@link #load()} there is no
     * fallback: a daemon that runs already follows the catalog it has, and a failed refresh must change nothing.
     */
    public ProductCatalog refresh() throws CatalogUnavailableException {
        ProductCatalog fetched = source.fetch();
        try {
            cache.write(fetched);
        } catch (IOException e) {
            LOG.warn("Catalog of {} products fetched from {} but not cached in {} ({})", fetched.size(),
                    source.endpoint(), cache.file(), OneLine.of(String.valueOf(e)));
        }
        return fetched;
    }

    /** The REST endpoint it fetches from, for log lines. */
    public String endpoint() {
        return source.endpoint();
    }

    private ProductCatalog fromCache(CatalogUnavailableException restFailure) {
        Optional<CachedCatalog> cached;
        try {
            cached = cache.read();
        } catch (IOException e) {
            throw new StartupException(restFailure.getMessage() + "; " + OneLine.of(e.getMessage()), restFailure);
        }
        if (cached.isEmpty()) {
            throw new StartupException(restFailure.getMessage() + "; no cached catalog exists at " + cache.file(),
                    restFailure);
        }
        CachedCatalog catalog = cached.get();
        LOG.warn("{}; starting from cached catalog {} written {} ({} products)", restFailure.getMessage(),
                cache.file(), catalog.writtenAt(), catalog.catalog().size());
        return catalog.catalog();
    }
}
