package dev.tickerplant.ingest.catalog;

import static dev.tickerplant.coinbase.rest.ExchangeProducts.BASE_CURRENCY;
import static dev.tickerplant.coinbase.rest.ExchangeProducts.CANCEL_ONLY;
import static dev.tickerplant.coinbase.rest.ExchangeProducts.ID;
import static dev.tickerplant.coinbase.rest.ExchangeProducts.QUOTE_CURRENCY;
import static dev.tickerplant.coinbase.rest.ExchangeProducts.STATUS;
import static dev.tickerplant.coinbase.rest.ExchangeProducts.TRADING_DISABLED;
import static dev.tickerplant.coinbase.rest.JsonDocument.flag;
import static dev.tickerplant.ingest.catalog.CatalogJson.amount;

import dev.tickerplant.coinbase.rest.ExchangeProducts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Exchange {@code /products} array and {@code /products/stats} map as catalog products. */
final class ExchangeListing {

    private ExchangeListing() {
    }

    /**
     * @param quoteVolumes 24 h quote volume by product id, from {@link #parseQuoteVolumes}; a product missing there
     *                     falls back to its own {@code volume_24h} × {@code price} when it has them, else zero
     */
    static List<Product> parseProducts(byte[] body, Map<String, BigDecimal> quoteVolumes)
            throws CatalogFormatException {
        List<Map<String, String>> listed = CatalogJson.parse(() -> ExchangeProducts.parseProducts(body));
        List<Product> products = new ArrayList<>(listed.size());
        for (Map<String, String> fields : listed) {
            products.add(toProduct(fields, products.size(), quoteVolumes));
        }
        return products;
    }

    /** {@code stats_24hour.volume} (base units) × {@code stats_24hour.last} (quote per base), for every product. */
    static Map<String, BigDecimal> parseQuoteVolumes(byte[] body) throws CatalogFormatException {
        Map<String, Map<String, String>> stats = CatalogJson.parse(() -> ExchangeProducts.parseStats(body));
        Map<String, BigDecimal> volumes = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> entry : stats.entrySet()) {
            String id = entry.getKey();
            BigDecimal volume = amount(id, "stats_24hour.volume", entry.getValue().getOrDefault("volume", ""));
            BigDecimal last = amount(id, "stats_24hour.last", entry.getValue().getOrDefault("last", ""));
            volumes.put(id, volume.multiply(last));
        }
        return volumes;
    }

    private static Product toProduct(Map<String, String> fields, int index, Map<String, BigDecimal> quoteVolumes)
            throws CatalogFormatException {
        String id = fields.getOrDefault(ID, "");
        if (id.isBlank()) {
            throw new CatalogFormatException("products[" + index + "] has no id");
        }
        for (String currency : List.of(BASE_CURRENCY, QUOTE_CURRENCY)) {
            if (fields.getOrDefault(currency, "").isBlank()) {
                throw new CatalogFormatException("product " + id + " has no " + currency);
            }
        }
        boolean tradable = !flag(fields, TRADING_DISABLED) && !flag(fields, "is_disabled")
                && !flag(fields, CANCEL_ONLY) && !flag(fields, "view_only");
        BigDecimal volume = quoteVolumes.get(id);
        if (volume == null) {
            volume = amount(id, "volume_24h", fields.getOrDefault("volume_24h", ""))
                    .multiply(amount(id, "price", fields.getOrDefault("price", "")));
        }
        return new Product(id, fields.get(BASE_CURRENCY), fields.get(QUOTE_CURRENCY),
                "online".equals(fields.get(STATUS)), tradable, "", volume);
    }
}
