package dev.tickerplant.coinbase.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The Advanced Trade public product list, {@code GET /api/v3/brokerage/market/products} (protocol reference C.1):
 * {@code {"products":[...],"num_products":N,"pagination":{...,"has_next":false}}}. A server writes
 * {@link AdvancedTradeProduct}s in the captured field order; a client reads each product as its scalar fields, so that
 * fields added or dropped by Coinbase do not break it.
 */
public final class AdvancedTradeProducts {

    public static final String PATH = "/api/v3/brokerage/market/products";
    public static final String TIME_PATH = "/api/v3/brokerage/time";
    /** The largest and default page size. */
    public static final int MAX_LIMIT = 250;

    public static final String PRODUCTS = "products";
    public static final String PRODUCT_ID = "product_id";
    public static final String PRICE = "price";
    public static final String VOLUME_24H = "volume_24h";
    public static final String STATUS = "status";
    public static final String TRADING_DISABLED = "trading_disabled";
    public static final String IS_DISABLED = "is_disabled";
    public static final String CANCEL_ONLY = "cancel_only";
    public static final String VIEW_ONLY = "view_only";
    public static final String BASE_CURRENCY_ID = "base_currency_id";
    public static final String QUOTE_CURRENCY_ID = "quote_currency_id";
    public static final String ALIAS = "alias";
    public static final String APPROXIMATE_QUOTE_24H_VOLUME = "approximate_quote_24h_volume";

    /**
     * One page as read.
     *
     * @param products each product's scalar fields (numbers and booleans as written; null fields absent)
     * @param hasNext  {@code pagination.has_next}; true when the page does not say, so the short-page rule decides
     */
    public record Page(List<Map<String, String>> products, boolean hasNext) {
        public Page {
            products = List.copyOf(products);
        }
    }

    /** The parts of a page that a client reads; {@code pagination} is looked into only when it is an object. */
    record PageDocument(ArrayNode products, JsonNode pagination) {
    }

    private AdvancedTradeProducts() {
    }

    public static Page parsePage(byte[] body) throws WireFormatException {
        PageDocument page = JsonDocument.parse(body, PageDocument.class, "the response");
        if (page.products() == null) {
            throw new WireFormatException("the response has no \"products\" array");
        }
        boolean hasNext = page.pagination() == null
                || !"false".equals(page.pagination().path("has_next").asText());
        return new Page(JsonDocument.scalars(page.products(), PRODUCTS), hasNext);
    }

    /** The list response: {@code page}, its size, and pagination flags with empty cursors. */
    public static void writePage(JsonGenerator json, List<AdvancedTradeProduct> page, boolean hasNext,
                                 boolean hasPrevious) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart(PRODUCTS);
        for (AdvancedTradeProduct product : page) {
            writeProduct(json, product);
        }
        json.writeEndArray();
        json.writeNumberField("num_products", page.size());
        json.writeObjectFieldStart("pagination");
        json.writeStringField("prev_cursor", "");
        json.writeStringField("next_cursor", "");
        json.writeBooleanField("has_next", hasNext);
        json.writeBooleanField("has_prev", hasPrevious);
        json.writeEndObject();
        json.writeEndObject();
    }

    /** One product object, in the field order of the captured response. */
    public static void writeProduct(JsonGenerator json, AdvancedTradeProduct p) throws IOException {
        json.writeStartObject();
        json.writeStringField(PRODUCT_ID, p.productId());
        json.writeStringField(PRICE, p.price());
        json.writeStringField("price_percentage_change_24h", p.pricePercentageChange24h());
        json.writeStringField(VOLUME_24H, p.volume24h());
        json.writeStringField("volume_percentage_change_24h", p.volumePercentageChange24h());
        json.writeStringField("base_increment", p.baseIncrement());
        json.writeStringField("quote_increment", p.quoteIncrement());
        json.writeStringField("quote_min_size", p.quoteMinSize());
        json.writeStringField("quote_max_size", p.quoteMaxSize());
        json.writeStringField("base_min_size", p.baseMinSize());
        json.writeStringField("base_max_size", p.baseMaxSize());
        json.writeStringField("base_name", p.baseName());
        json.writeStringField("quote_name", p.quoteName());
        json.writeBooleanField("watched", p.watched());
        json.writeBooleanField(IS_DISABLED, p.isDisabled());
        json.writeBooleanField("new", p.isNew());
        json.writeStringField(STATUS, p.status());
        json.writeBooleanField(CANCEL_ONLY, p.cancelOnly());
        json.writeBooleanField("limit_only", p.limitOnly());
        json.writeBooleanField("post_only", p.postOnly());
        json.writeBooleanField(TRADING_DISABLED, p.tradingDisabled());
        json.writeBooleanField("auction_mode", p.auctionMode());
        json.writeStringField("product_type", p.productType());
        json.writeStringField(QUOTE_CURRENCY_ID, p.quoteCurrencyId());
        json.writeStringField(BASE_CURRENCY_ID, p.baseCurrencyId());
        json.writeNullField("fcm_trading_session_details");
        json.writeStringField("mid_market_price", p.midMarketPrice());
        json.writeStringField(ALIAS, p.alias());
        json.writeArrayFieldStart("alias_to");
        for (String alias : p.aliasTo()) {
            json.writeString(alias);
        }
        json.writeEndArray();
        json.writeStringField("base_display_symbol", p.baseDisplaySymbol());
        json.writeStringField("quote_display_symbol", p.quoteDisplaySymbol());
        json.writeBooleanField(VIEW_ONLY, p.viewOnly());
        json.writeStringField("price_increment", p.priceIncrement());
        json.writeStringField("display_name", p.displayName());
        json.writeStringField("product_venue", p.productVenue());
        json.writeStringField(APPROXIMATE_QUOTE_24H_VOLUME, p.approximateQuote24hVolume());
        json.writeEndObject();
    }
}
