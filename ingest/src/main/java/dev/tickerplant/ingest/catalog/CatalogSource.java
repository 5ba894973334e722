package dev.tickerplant.ingest.catalog;

import java.time.Duration;

/** Where the product catalog comes from. Called once at start-up, never on the hot path. */
public interface CatalogSource {

    /** How long one REST request may take, connect to last body byte, unless configured otherwise. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Fetches every product the venue lists; never returns an empty catalog. */
    ProductCatalog fetch() throws CatalogUnavailableException;

    /** The REST endpoint to name in log lines, e.g. {@code https://api.coinbase.com/api/v3/brokerage/market/products}. */
    String endpoint();
}
