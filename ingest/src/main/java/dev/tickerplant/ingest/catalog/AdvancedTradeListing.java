package dev.tickerplant.ingest.catalog;

import static dev.tickerplant.coinbase.rest.AdvancedTradeProducts.APPROXIMATE_QUOTE_24H_VOLUME;
import static dev.tickerplant.coinbase.rest.AdvancedTradeProducts.BASE_CURRENCY_ID;
import static dev.tickerplant.coinbase.rest.AdvancedTradeProducts.CANCEL_ONLY;
import static dev.tickerplant.coinbase.rest.AdvancedTradeProducts.IS_DISABLED;
import static dev.tickerplant.coinbase.rest.AdvancedTradeProducts.PRICE;
import static dev.tickerplant.coinbase.rest.AdvancedTradeProducts.PRODUCT_ID;
import static dev.tickerplant.coinbase.rest.AdvancedTradeProducts.QUOTE_CURRENCY_ID;
import static dev.tickerplant.coinbase.rest.AdvancedTradeProducts.STATUS;
import static dev.tickerplant.coinbase.rest.AdvancedTradeProducts.TRADING_DISABLED;
import static dev.tickerplant.coinbase.rest.AdvancedTradeProducts.VIEW_ONLY;
import static dev.tickerplant.coinbase.rest.AdvancedTradeProducts.VOLUME_24H;
import static dev.tickerplant.coinbase.rest.JsonDocument.flag;
import static dev.tickerplant.ingest.catalog.CatalogJson.amount;

import dev.tickerplant.coinbase.rest.AdvancedTradeProducts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One page of the Advanced Trade {@code /market/products} list as catalog products. */
final class AdvancedTradeListing {

    /** @param hasNext {@code pagination.has_next}; true when the page does not say, so the short-page rule decides */
    record Page(List<Product> products, boolean hasNext) {
        Page {
            products = List.copyOf(products);
        }
    }

    private AdvancedTradeListing() {
    }

    static Page parsePage(byte[] body) throws CatalogFormatException {
        AdvancedTradeProducts.Page page = CatalogJson.parse(() -> AdvancedTradeProducts.parsePage(body));
        List<Product> products = new ArrayList<>(page.products().size());
        for (Map<String, String> fields : page.products()) {
            products.add(toProduct(fields, products.size()));
        }
        return new Page(products, page.hasNext());
    }

    static Product toProduct(Map<String, String> fields, int index) throws CatalogFormatException {
        String id = fields.getOrDefault(PRODUCT_ID, "");
        if (id.isBlank()) {
            throw new CatalogFormatException("products[" + index + "] has no product_id");
        }
        boolean tradable = !flag(fields, TRADING_DISABLED) && !flag(fields, IS_DISABLED)
                && !flag(fields, CANCEL_ONLY) && !flag(fields, VIEW_ONLY);
        return new Product(
                id,
                currency(fields, BASE_CURRENCY_ID, id, 0),
                currency(fields, QUOTE_CURRENCY_ID, id, 1),
                "online".equals(fields.get(STATUS)),
                tradable,
                fields.getOrDefault(AdvancedTradeProducts.ALIAS, ""),
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
        String approximate = fields.get(APPROXIMATE_QUOTE_24H_VOLUME);
        if (approximate != null) {
            return amount(id, APPROXIMATE_QUOTE_24H_VOLUME, approximate);
        }
        BigDecimal baseVolume = amount(id, VOLUME_24H, fields.getOrDefault(VOLUME_24H, ""));
        BigDecimal price = amount(id, PRICE, fields.getOrDefault(PRICE, ""));
        return baseVolume.multiply(price);
    }
}
