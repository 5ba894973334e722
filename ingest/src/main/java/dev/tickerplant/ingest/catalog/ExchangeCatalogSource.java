package dev.tickerplant.ingest.catalog;

import dev.tickerplant.coinbase.rest.ExchangeProducts;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Exchange product list ({@code GET /products}, one unpaginated array) joined with one call to
 * {@code GET /products/stats} for the 24 h volumes, instead of a rate-limited call per product.
 */
public final class ExchangeCatalogSource implements CatalogSource {

    public static final URI DEFAULT_REST_BASE = URI.create("https://api.exchange.coinbase.com");

    static final String PRODUCTS_PATH = ExchangeProducts.PATH;
    static final String STATS_PATH = ExchangeProducts.STATS_PATH;

    private final URI productsUrl;
    private final URI statsUrl;
    private final CatalogHttp http;

    public ExchangeCatalogSource(URI restBase) {
        this(restBase, DEFAULT_TIMEOUT);
    }

    /** @param timeout limit for each request, connect to last body byte */
    public ExchangeCatalogSource(URI restBase, Duration timeout) {
        this.productsUrl = RestBase.resolve(restBase, PRODUCTS_PATH);
        this.statsUrl = RestBase.resolve(restBase, STATS_PATH);
        this.http = new CatalogHttp(timeout);
    }

    @Override
    public ProductCatalog fetch() throws CatalogUnavailableException {
        byte[] productsBody = http.get(productsUrl);
        Map<String, BigDecimal> quoteVolumes;
        try {
            quoteVolumes = ExchangeListing.parseQuoteVolumes(http.get(statsUrl));
        } catch (CatalogFormatException e) {
            throw CatalogUnavailableException.malformed(statsUrl, e.getMessage(), e);
        }
        List<Product> products;
        try {
            products = ExchangeListing.parseProducts(productsBody, quoteVolumes);
        } catch (CatalogFormatException e) {
            throw CatalogUnavailableException.malformed(productsUrl, e.getMessage(), e);
        }
        if (products.isEmpty()) {
            throw CatalogUnavailableException.unusable(productsUrl, "no products listed (expected at least one)");
        }
        try {
            return ProductCatalog.of(products);
        } catch (IllegalArgumentException e) {
            throw CatalogUnavailableException.unusable(productsUrl, e.getMessage());
        }
    }

    @Override
    public String endpoint() {
        return productsUrl.toString();
    }
}
