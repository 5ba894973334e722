package dev.tickerplant.ingest.catalog;

import dev.tickerplant.coinbase.rest.AdvancedTradeProducts;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Advanced Trade public product list, read page by page with {@code limit}/{@code offset} until a page comes back
 * short or says {@code has_next: false}.
 */
public final class AdvancedTradeCatalogSource implements CatalogSource {

    public static final URI DEFAULT_REST_BASE = URI.create("https://api.coinbase.com");

    static final String PATH = AdvancedTradeProducts.PATH;
    static final int PAGE_SIZE = 250;
    /** 50 000 products, fifty times today's list: only a server that never sends a short page gets here. */
    static final int MAX_PAGES = 200;

    private final URI restBase;
    private final CatalogHttp http;

    public AdvancedTradeCatalogSource(URI restBase) {
        this(restBase, DEFAULT_TIMEOUT);
    }

    /** @param timeout limit for each page request, connect to last body byte */
    public AdvancedTradeCatalogSource(URI restBase, Duration timeout) {
        RestBase.resolve(restBase, PATH);
        this.restBase = restBase;
        this.http = new CatalogHttp(timeout);
    }

    @Override
    public ProductCatalog fetch() throws CatalogUnavailableException {
        // Offset paging over a list that changes while we read it can repeat a product on the next page: keep the
        // first copy.
        Map<String, Product> products = new LinkedHashMap<>();
        for (int page = 0; ; page++) {
            URI url = pageUrl(page * PAGE_SIZE);
            AdvancedTradeListing.Page content = parse(url, http.get(url));
            content.products().forEach(product -> products.putIfAbsent(product.id(), product));
            if (content.products().size() < PAGE_SIZE || !content.hasNext()) {
                break;
            }
            if (page + 1 == MAX_PAGES) {
                throw CatalogUnavailableException.unusable(url, "still a full page after " + MAX_PAGES
                        + " pages of " + PAGE_SIZE + " (expected a short page or has_next false)");
            }
        }
        if (products.isEmpty()) {
            throw CatalogUnavailableException.unusable(pageUrl(0), "no products listed (expected at least one)");
        }
        return ProductCatalog.of(products.values());
    }

    @Override
    public String endpoint() {
        return RestBase.resolve(restBase, PATH).toString();
    }

    URI pageUrl(int offset) {
        return RestBase.resolve(restBase, PATH + "?product_type=SPOT&get_tradability_status=true&limit="
                + PAGE_SIZE + "&offset=" + offset);
    }

    private static AdvancedTradeListing.Page parse(URI url, byte[] body) throws CatalogUnavailableException {
        try {
            return AdvancedTradeListing.parsePage(body);
        } catch (CatalogFormatException e) {
            throw CatalogUnavailableException.malformed(url, e.getMessage(), e);
        }
    }
}
