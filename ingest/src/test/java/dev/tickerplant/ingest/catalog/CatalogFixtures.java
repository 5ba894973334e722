package dev.tickerplant.ingest.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds REST bodies from the recorded product shapes in {@code src/test/resources/catalog}. */
final class CatalogFixtures {

    /** A recorded Advanced Trade product (BTC-USDC, aliasing BTC-USD; its product_id was mislabelled BTC-USD). */
    static final String ADVANCED_TRADE_PRODUCT = resource("advanced-trade-product.json");
    /** A recorded Exchange product (ADA-USD). */
    static final String EXCHANGE_PRODUCT = resource("exchange-product.json");
    /** A recorded, trimmed Exchange /products/stats answer (NEAR-USD only). */
    static final String EXCHANGE_PRODUCTS_STATS = resource("exchange-products-stats.json");

    private static final String SCALAR = "(\"(?:[^\"\\\\]|\\\\.)*\"|true|false|null|-?[0-9][0-9.eE+-]*)";

    private CatalogFixtures() {
    }

    static String resource(String name) {
        try (InputStream in = CatalogFixtures.class.getResourceAsStream("/catalog/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /catalog/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An Advanced Trade product built from the recorded one: online, tradable, no alias. */
    static String advancedTradeProduct(String id, String volume) {
        String base = id.substring(0, id.indexOf('-'));
        String quote = id.substring(id.indexOf('-') + 1);
        String json = ADVANCED_TRADE_PRODUCT;
        json = set(json, "product_id", quoted(id));
        json = set(json, "display_name", quoted(id));
        json = set(json, "base_currency_id", quoted(base));
        json = set(json, "base_display_symbol", quoted(base));
        json = set(json, "quote_currency_id", quoted(quote));
        json = set(json, "quote_display_symbol", quoted(quote));
        json = set(json, "alias", quoted(""));
        return set(json, "approximate_quote_24h_volume", quoted(volume));
    }

    static String advancedTradePage(List<String> products, boolean hasNext) {
        return "{\"products\":[" + String.join(",", products) + "],\"num_products\":" + products.size()
                + ",\"pagination\":{\"prev_cursor\":\"\",\"next_cursor\":\"\",\"has_next\":" + hasNext
                + ",\"has_prev\":false}}";
    }

    /** An Exchange product built from the recorded one. */
    static String exchangeProduct(String id) {
        String base = id.substring(0, id.indexOf('-'));
        String quote = id.substring(id.indexOf('-') + 1);
        String json = EXCHANGE_PRODUCT;
        json = set(json, "id", quoted(id));
        json = set(json, "display_name", quoted(base + "/" + quote));
        json = set(json, "base_currency", quoted(base));
        return set(json, "quote_currency", quoted(quote));
    }

    /** Replaces the value of a scalar field that the document must already have. */
    static String set(String json, String field, String rawJsonValue) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*" + SCALAR).matcher(json);
        if (!matcher.find()) {
            throw new IllegalArgumentException("fixture has no scalar field " + field);
        }
        return matcher.replaceFirst(Matcher.quoteReplacement("\"" + field + "\": " + rawJsonValue));
    }

    /** Removes a scalar field, leaving valid JSON. */
    static String remove(String json, String field) {
        String removed = json.replaceFirst("\\s*\"" + Pattern.quote(field) + "\"\\s*:\\s*" + SCALAR + "\\s*,?", "");
        return removed.replaceAll(",(\\s*})", "$1");
    }

    static String quoted(String text) {
        return "\"" + text + "\"";
    }

    static Product product(String id, boolean online, boolean tradable, String alias, String volume) {
        String[] parts = id.split("-");
        return new Product(id, parts[0], parts[1], online, tradable, alias, new BigDecimal(volume));
    }

    static Product active(String id, String volume) {
        return product(id, true, true, "", volume);
    }
}
