package dev.tickerplant.ingest.catalog;

import static dev.tickerplant.ingest.catalog.CatalogJson.amount;
import static dev.tickerplant.ingest.catalog.CatalogJson.flag;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads one page of the Advanced Trade {@code /market/products} response. */
final class AdvancedTradeProductsJson {

    /** @param hasNext {@code pagination.has_next}; true when the page does not say, so the short-page rule decides */
    record Page(List<Product> products, boolean hasNext) {
        Page {
            products = List.copyOf(products);
        }
    }

    private AdvancedTradeProductsJson() {
    }

    static Page parsePage(byte[] body) throws CatalogFormatException {
        return CatalogJson.parse(body, parser -> {
            CatalogJson.next(parser, JsonToken.START_OBJECT, "the response");
            List<Product> products = null;
            boolean hasNext = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("products")) {
                    products = readProducts(parser);
                } else if (field.equals("pagination") && parser.currentToken() == JsonToken.START_OBJECT) {
                    hasNext = !"false".equals(CatalogJson.scalars(parser).get("has_next"));
                } else {
                    parser.skipChildren();
                }
            }
            if (products == null) {
                throw new CatalogFormatException("the response has no \"products\" array");
            }
            return new Page(products, hasNext);
        });
    }

    private static List<Product> readProducts(JsonParser parser) throws IOException, CatalogFormatException {
        CatalogJson.expect(parser, JsonToken.START_ARRAY, "\"products\"");
        List<Product> products = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            CatalogJson.expect(parser, JsonToken.START_OBJECT, "products[" + products.size() + "]");
            products.add(toProduct(CatalogJson.scalars(parser), products.size()));
        }
        return products;
    }

    static Product toProduct(Map<String, String> fields, int index) throws CatalogFormatException {
        String id = fields.getOrDefault("product_id", "");
        if (id.isBlank()) {
            throw new CatalogFormatException("products[" + index + "] has no product_id");
        }
        boolean tradable = !flag(fields, "trading_disabled") && !flag(fields, "is_disabled")
                && !flag(fields, "cancel_only") && !flag(fields, "view_only");
        return new Product(
                id,
                currency(fields, "base_currency_id", id, 0),
                currency(fields, "quote_currency_id", id, 1),
                "online".equals(fields.get("status")),
                tradable,
                fields.getOrDefault("alias", ""),
                quoteVolume(fields, id));
    }

    /** Takes the currency from the id ("BTC-USD") when the field is missing, as in older response shapes. */
    private static String currency(Map<String, String> fields, String field, String id, int part)
            throws CatalogFormatException {
        String currency = fields.getOrDefault(field, "");
        if (!currency.isBlank()) {
            return currency;
        }
        String[] parts = id.split("-");
        if (parts.length != 2 || parts[part].isBlank()) {
            throw new CatalogFormatException("product " + id + " has no " + field
                    + " and its id is not BASE-QUOTE");
        }
        return parts[part];
    }

    /**
     * {@code approximate_quote_24h_volume} as given ("" means no trades, so zero). Only when the field is missing
     * altogether is it estimated as base volume times last price.
     */
    private static BigDecimal quoteVolume(Map<String, String> fields, String id) throws CatalogFormatException {
        String approximate = fields.get("approximate_quote_24h_volume");
        if (approximate != null) {
            return amount(id, "approximate_quote_24h_volume", approximate);
        }
        BigDecimal baseVolume = amount(id, "volume_24h", fields.getOrDefault("volume_24h", ""));
        BigDecimal price = amount(id, "price", fields.getOrDefault("price", ""));
        return baseVolume.multiply(price);
    }
}
