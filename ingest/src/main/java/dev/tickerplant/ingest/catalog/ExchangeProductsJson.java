package dev.tickerplant.ingest.catalog;

import static dev.tickerplant.ingest.catalog.CatalogJson.amount;
import static dev.tickerplant.ingest.catalog.CatalogJson.flag;

import com.fasterxml.jackson.core.JsonToken;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the Exchange {@code /products} array and the {@code /products/stats} map. */
final class ExchangeProductsJson {

    private ExchangeProductsJson() {
    }

    /**
     * @param quoteVolumes 24 h quote volume by product id, from {@link #parseQuoteVolumes}; a product missing there
     *                     falls back to its own {@code volume_24h} × {@code price} when it has them, else zero
     */
    static List<Product> parseProducts(byte[] body, Map<String, BigDecimal> quoteVolumes)
            throws CatalogFormatException {
        return CatalogJson.parse(body, parser -> {
            CatalogJson.next(parser, JsonToken.START_ARRAY, "the response");
            List<Product> products = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                CatalogJson.expect(parser, JsonToken.START_OBJECT, "products[" + products.size() + "]");
                products.add(toProduct(CatalogJson.scalars(parser), products.size(), quoteVolumes));
            }
            return products;
        });
    }

    /** {@code stats_24hour.volume} (base units) × {@code stats_24hour.last} (quote per base), for every product. */
    static Map<String, BigDecimal> parseQuoteVolumes(byte[] body) throws CatalogFormatException {
        return CatalogJson.parse(body, parser -> {
            CatalogJson.next(parser, JsonToken.START_OBJECT, "the response");
            Map<String, BigDecimal> volumes = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String id = parser.currentName();
                CatalogJson.next(parser, JsonToken.START_OBJECT, "stats of " + id);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String period = parser.currentName();
                    parser.nextToken();
                    if (period.equals("stats_24hour") && parser.currentToken() == JsonToken.START_OBJECT) {
                        Map<String, String> stats = CatalogJson.scalars(parser);
                        BigDecimal volume = amount(id, "stats_24hour.volume", stats.getOrDefault("volume", ""));
                        BigDecimal last = amount(id, "stats_24hour.last", stats.getOrDefault("last", ""));
                        volumes.put(id, volume.multiply(last));
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            return volumes;
        });
    }

    private static Product toProduct(Map<String, String> fields, int index, Map<String, BigDecimal> quoteVolumes)
            throws CatalogFormatException {
        String id = fields.getOrDefault("id", "");
        if (id.isBlank()) {
            throw new CatalogFormatException("products[" + index + "] has no id");
        }
        for (String currency : List.of("base_currency", "quote_currency")) {
            if (fields.getOrDefault(currency, "").isBlank()) {
                throw new CatalogFormatException("product " + id + " has no " + currency);
            }
        }
        boolean tradable = !flag(fields, "trading_disabled") && !flag(fields, "is_disabled")
                && !flag(fields, "cancel_only") && !flag(fields, "view_only");
        BigDecimal volume = quoteVolumes.get(id);
        if (volume == null) {
            volume = amount(id, "volume_24h", fields.getOrDefault("volume_24h", ""))
                    .multiply(amount(id, "price", fields.getOrDefault("price", "")));
        }
        return new Product(id, fields.get("base_currency"), fields.get("quote_currency"),
                "online".equals(fields.get("status")), tradable, "", volume);
    }
}
