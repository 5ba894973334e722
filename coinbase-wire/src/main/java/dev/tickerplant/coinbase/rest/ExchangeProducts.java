package dev.tickerplant.coinbase.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Exchange public product endpoints (protocol reference C.2): {@code GET /products}, an array of products, and
 * {@code GET /products/stats}, an object keyed by product id. A server writes {@link ExchangeProduct}s and
 * {@link ExchangeStats}; a client reads each product as its scalar fields.
 */
public final class ExchangeProducts {

    public static final String PATH = "/products";
    public static final String STATS_PATH = "/products/stats";

    public static final String ID = "id";
    public static final String BASE_CURRENCY = "base_currency";
    public static final String QUOTE_CURRENCY = "quote_currency";
    public static final String STATUS = "status";
    public static final String TRADING_DISABLED = "trading_disabled";
    public static final String CANCEL_ONLY = "cancel_only";
    public static final String STATS_24HOUR = "stats_24hour";
    public static final String STATS_30DAY = "stats_30day";

    private static final TypeReference<LinkedHashMap<String, ObjectNode>> STATS_BY_PRODUCT = new TypeReference<>() {
    };

    private ExchangeProducts() {
    }

    /** Each product's scalar fields (numbers and booleans as written; null fields absent), in the order listed. */
    public static List<Map<String, String>> parseProducts(byte[] body) throws WireFormatException {
        return JsonDocument.scalars(JsonDocument.parse(body, ArrayNode.class, "the response"), "products");
    }

    /** Product id → the scalar fields of its {@code stats_24hour}; a product without that object is left out. */
    public static Map<String, Map<String, String>> parseStats(byte[] body) throws WireFormatException {
        Map<String, ObjectNode> periods = JsonDocument.parse(body, STATS_BY_PRODUCT, "the response");
        Map<String, Map<String, String>> stats = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> entry : periods.entrySet()) {
            if (entry.getValue() == null) {
                throw new WireFormatException("\"" + entry.getKey() + "\" is null (expected an object)");
            }
            JsonNode day = entry.getValue().get(STATS_24HOUR);
            if (day != null && day.isObject()) {
                stats.put(entry.getKey(), JsonDocument.scalars(day));
            }
        }
        return stats;
    }

    /** One product object, in the documented field order. */
    public static void writeProduct(JsonGenerator json, ExchangeProduct p) throws IOException {
        json.writeStartObject();
        json.writeStringField(ID, p.id());
        json.writeStringField(BASE_CURRENCY, p.baseCurrency());
        json.writeStringField(QUOTE_CURRENCY, p.quoteCurrency());
        json.writeStringField("quote_increment", p.quoteIncrement());
        json.writeStringField("base_increment", p.baseIncrement());
        json.writeStringField("display_name", p.displayName());
        json.writeStringField("min_market_funds", p.minMarketFunds());
        json.writeBooleanField("margin_enabled", p.marginEnabled());
        json.writeBooleanField("post_only", p.postOnly());
        json.writeBooleanField("limit_only", p.limitOnly());
        json.writeBooleanField(CANCEL_ONLY, p.cancelOnly());
        json.writeStringField(STATUS, p.status());
        json.writeStringField("status_message", p.statusMessage());
        json.writeBooleanField("auction_mode", p.auctionMode());
        json.writeBooleanField(TRADING_DISABLED, p.tradingDisabled());
        json.writeBooleanField("fx_stablecoin", p.fxStablecoin());
        json.writeStringField("max_slippage_percentage", p.maxSlippagePercentage());
        json.writeStringField("high_bid_limit_percentage", p.highBidLimitPercentage());
        json.writeEndObject();
    }

    /** {@code GET /products/{id}/stats}: one flat object. */
    public static void writeStats(JsonGenerator json, ExchangeStats s) throws IOException {
        json.writeStartObject();
        json.writeStringField("open", s.open());
        json.writeStringField("high", s.high());
        json.writeStringField("low", s.low());
        json.writeStringField("volume", s.volume());
        json.writeStringField("last", s.last());
        json.writeStringField("volume_30day", s.volume30day());
        json.writeEndObject();
    }

    /** One entry of {@code GET /products/stats}: {@code "BTC-USD":{"stats_24hour":{...},"stats_30day":{...}}}. */
    public static void writeStatsEntry(JsonGenerator json, String productId, ExchangeStats s) throws IOException {
        json.writeObjectFieldStart(productId);
        json.writeObjectFieldStart(STATS_24HOUR);
        json.writeStringField("open", s.open());
        json.writeStringField("high", s.high());
        json.writeStringField("low", s.low());
        json.writeStringField("last", s.last());
        json.writeStringField("volume", s.volume());
        json.writeEndObject();
        json.writeObjectFieldStart(STATS_30DAY);
        json.writeStringField("volume", s.volume30day());
        json.writeEndObject();
        json.writeEndObject();
    }
}
