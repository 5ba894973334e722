package dev.tickerplant.sim.feed;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickerplant.sim.market.Decimals;
import dev.tickerplant.sim.market.LatestTicks;
import dev.tickerplant.sim.market.Product;
import dev.tickerplant.sim.market.ProductCatalog;
import dev.tickerplant.sim.market.ProductType;
import dev.tickerplant.sim.market.Tick;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The public REST product discovery endpoints of both APIs (protocol reference C.1, C.2), as a pure function of
 * method and URI to status and JSON body.
 *
 * <ul>
 *   <li>{@code GET /api/v3/brokerage/market/products} — Advanced Trade list; {@code limit} (default and maximum
 *       250; larger values are capped), {@code offset}, {@code product_type}, repeated {@code product_ids};
 *       busiest first; {@code num_products} is the number returned.</li>
 *   <li>{@code GET /api/v3/brokerage/market/products/{id}}, {@code GET /api/v3/brokerage/time}</li>
 *   <li>{@code GET /products} (Exchange, an array of every spot product), {@code /products/{id}},
 *       {@code /products/stats} (object keyed by id), {@code /products/{id}/stats}</li>
 * </ul>
 * Prices and volumes are the live market's; {@code approximate_quote_24h_volume} is the catalog's, so the ranking by
 * volume is stable for a seed.
 */
final class RestApi {

    static final String AT_PRODUCTS = "/api/v3/brokerage/market/products";
    static final String AT_TIME = "/api/v3/brokerage/time";
    static final String EX_PRODUCTS = "/products";
    static final int MAX_LIMIT = 250;
    private static final Set<String> PRODUCT_TYPES = Set.of("SPOT", "FUTURE", "UNKNOWN_PRODUCT_TYPE");
    private static final String QUOTE_MAX_SIZE = "150000000";

    /** A response: HTTP status and JSON body. */
    record Response(int status, byte[] body) {
    }

    private final ProductCatalog catalog;
    private final LatestTicks latest;
    private final Clock clock;

    RestApi(ProductCatalog catalog, LatestTicks latest, Clock clock) {
        this.catalog = catalog;
        this.latest = latest;
        this.clock = clock;
    }

    Response handle(String method, String uri) {
        QueryStringDecoder query = new QueryStringDecoder(uri);
        String path = query.path();
        if (!method.equals("GET")) {
            return error(405, "METHOD_NOT_ALLOWED", method + " " + path + " is not supported (expected: GET)");
        }
        if (path.equals(AT_PRODUCTS)) {
            return advancedTradeList(query.parameters());
        }
        if (path.startsWith(AT_PRODUCTS + "/")) {
            return advancedTradeProduct(path.substring(AT_PRODUCTS.length() + 1));
        }
        if (path.equals(AT_TIME)) {
            return time();
        }
        if (path.equals(EX_PRODUCTS)) {
            return exchangeList(query.parameters());
        }
        if (path.equals(EX_PRODUCTS + "/stats")) {
            return exchangeStats();
        }
        if (path.startsWith(EX_PRODUCTS + "/")) {
            return exchangeProduct(path.substring(EX_PRODUCTS.length() + 1));
        }
        return error(404, "NOT_FOUND", "no route for GET " + path);
    }

    // ---- Advanced Trade ----------------------------------------------------------------------------------------

    private Response advancedTradeList(Map<String, List<String>> parameters) {
        int limit;
        int offset;
        try {
            limit = Math.min(MAX_LIMIT, intParameter(parameters, "limit", MAX_LIMIT));
            offset = intParameter(parameters, "offset", 0);
        } catch (IllegalArgumentException e) {
            return error(400, "INVALID_ARGUMENT", e.getMessage());
        }
        if (limit == 0) {
            limit = MAX_LIMIT;
        }
        String type = single(parameters, "product_type", "UNKNOWN_PRODUCT_TYPE");
        if (!PRODUCT_TYPES.contains(type)) {
            return error(400, "INVALID_ARGUMENT", "product_type: " + type + " (expected: one of " + PRODUCT_TYPES + ")");
        }
        List<String> ids = parameters.getOrDefault("product_ids", List.of());
        List<Product> matching = new ArrayList<>();
        for (Product product : catalog.products()) {
            if ((type.equals("UNKNOWN_PRODUCT_TYPE") || product.type().name().equals(type))
                    && (ids.isEmpty() || ids.contains(product.id()))) {
                matching.add(product);
            }
        }
        List<Product> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
        boolean hasNext = offset + page.size() < matching.size();
        boolean hasPrevious = offset > 0;
        return ok(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("products");
            for (Product product : page) {
                writeAdvancedTradeProduct(json, product);
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
        });
    }

    private Response advancedTradeProduct(String id) {
        Optional<Product> product = catalog.find(id);
        if (product.isEmpty()) {
            return error(404, "NOT_FOUND", "ProductID " + id + " could not be found");
        }
        return ok(json -> writeAdvancedTradeProduct(json, product.get()));
    }

    private Response time() {
        Instant now = clock.instant();
        return ok(json -> {
            json.writeStartObject();
            json.writeStringField("iso", WireTime.micros(now));
            json.writeStringField("epochSeconds", Long.toString(now.getEpochSecond()));
            json.writeStringField("epochMillis", Long.toString(now.toEpochMilli()));
            json.writeEndObject();
        });
    }

    /** The product fields of the Advanced Trade list, in the order of the captured response. */
    private void writeAdvancedTradeProduct(JsonGenerator json, Product product) throws IOException {
        Tick tick = latest.of(product);
        Product quoteSource = catalog.dataSource(product);
        json.writeStartObject();
        json.writeStringField("product_id", product.id());
        json.writeStringField("price", tick.price());
        json.writeStringField("price_percentage_change_24h", tick.pricePercentChange24h());
        json.writeStringField("volume_24h", tick.volume24h());
        json.writeStringField("volume_percentage_change_24h", product.volumePercentChange24h().toPlainString());
        json.writeStringField("base_increment", product.baseIncrement());
        json.writeStringField("quote_increment", product.priceIncrement());
        json.writeStringField("quote_min_size", "1");
        json.writeStringField("quote_max_size", QUOTE_MAX_SIZE);
        json.writeStringField("base_min_size", product.baseIncrement());
        json.writeStringField("base_max_size", baseMaxSize(product));
        json.writeStringField("base_name", product.baseName());
        json.writeStringField("quote_name", product.quoteName());
        json.writeBooleanField("watched", false);
        json.writeBooleanField("is_disabled", product.flags().isDisabled());
        json.writeBooleanField("new", false);
        json.writeStringField("status", product.flags().status());
        json.writeBooleanField("cancel_only", product.flags().cancelOnly());
        json.writeBooleanField("limit_only", product.flags().limitOnly());
        json.writeBooleanField("post_only", product.flags().postOnly());
        json.writeBooleanField("trading_disabled", product.flags().tradingDisabled());
        json.writeBooleanField("auction_mode", product.flags().auctionMode());
        json.writeStringField("product_type", product.type().name());
        json.writeStringField("quote_currency_id", product.quoteCurrency());
        json.writeStringField("base_currency_id", product.baseCurrency());
        json.writeNullField("fcm_trading_session_details");
        json.writeStringField("mid_market_price", "");
        json.writeStringField("alias", product.alias());
        json.writeArrayFieldStart("alias_to");
        for (String alias : product.aliasTo()) {
            json.writeString(alias);
        }
        json.writeEndArray();
        json.writeStringField("base_display_symbol", product.baseCurrency());
        json.writeStringField("quote_display_symbol", quoteSource.quoteCurrency());
        json.writeBooleanField("view_only", product.flags().viewOnly());
        json.writeStringField("price_increment", product.priceIncrement());
        json.writeStringField("display_name", product.id());
        json.writeStringField("product_venue", product.type() == ProductType.SPOT ? "CBE" : "FCM");
        json.writeStringField("approximate_quote_24h_volume", product.quoteVolume24h().toPlainString());
        json.writeEndObject();
    }

    private static String baseMaxSize(Product product) {
        double whole = Double.parseDouble(QUOTE_MAX_SIZE) / product.referencePrice().doubleValue();
        return Decimals.format(Math.max(1, Math.round(whole)), 0);
    }

    // ---- Exchange ----------------------------------------------------------------------------------------------

    private Response exchangeList(Map<String, List<String>> parameters) {
        String type = single(parameters, "type", "");
        return ok(json -> {
            json.writeStartArray();
            for (Product product : catalog.products()) {
                if (product.type() == ProductType.SPOT && (type.isEmpty() || type.equalsIgnoreCase("spot"))) {
                    writeExchangeProduct(json, product);
                }
            }
            json.writeEndArray();
        });
    }

    private Response exchangeProduct(String rest) {
        boolean stats = rest.endsWith("/stats");
        String id = stats ? rest.substring(0, rest.length() - "/stats".length()) : rest;
        Optional<Product> product = catalog.find(id).filter(p -> p.type() == ProductType.SPOT);
        if (product.isEmpty() || id.contains("/")) {
            return new Response(404, Json.toBytes(json -> {
                json.writeStartObject();
                json.writeStringField("message", "NotFound");
                json.writeEndObject();
            }));
        }
        if (!stats) {
            return ok(json -> writeExchangeProduct(json, product.get()));
        }
        Tick tick = latest.of(product.get());
        return ok(json -> {
            json.writeStartObject();
            json.writeStringField("open", tick.open24h());
            json.writeStringField("high", tick.high24h());
            json.writeStringField("low", tick.low24h());
            json.writeStringField("volume", tick.volume24h());
            json.writeStringField("last", tick.price());
            json.writeStringField("volume_30day", tick.volume30d());
            json.writeEndObject();
        });
    }

    private Response exchangeStats() {
        return ok(json -> {
            json.writeStartObject();
            for (Product product : catalog.products()) {
                if (product.type() != ProductType.SPOT) {
                    continue;
                }
                Tick tick = latest.of(product);
                json.writeObjectFieldStart(product.id());
                json.writeObjectFieldStart("stats_24hour");
                json.writeStringField("open", tick.open24h());
                json.writeStringField("high", tick.high24h());
                json.writeStringField("low", tick.low24h());
                json.writeStringField("last", tick.price());
                json.writeStringField("volume", tick.volume24h());
                json.writeEndObject();
                json.writeObjectFieldStart("stats_30day");
                json.writeStringField("volume", tick.volume30d());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    /**
     * The Exchange product fields. The Exchange has no view-only state; a view-only listing shows as
     * {@code trading_disabled}.
     */
    private static void writeExchangeProduct(JsonGenerator json, Product product) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", product.id());
        json.writeStringField("base_currency", product.baseCurrency());
        json.writeStringField("quote_currency", product.quoteCurrency());
        json.writeStringField("quote_increment", product.priceIncrement());
        json.writeStringField("base_increment", product.baseIncrement());
        json.writeStringField("display_name", product.id());
        json.writeStringField("min_market_funds", "1");
        json.writeBooleanField("margin_enabled", false);
        json.writeBooleanField("post_only", product.flags().postOnly());
        json.writeBooleanField("limit_only", product.flags().limitOnly());
        json.writeBooleanField("cancel_only", product.flags().cancelOnly());
        json.writeStringField("status", product.flags().status());
        json.writeStringField("status_message", "");
        json.writeBooleanField("auction_mode", product.flags().auctionMode());
        json.writeBooleanField("trading_disabled", product.flags().tradingDisabled() || product.flags().viewOnly());
        json.writeBooleanField("fx_stablecoin", product.id().equals("USDT-USDC") || product.id().equals("EURC-USDC"));
        json.writeStringField("max_slippage_percentage", "0.03000000");
        json.writeStringField("high_bid_limit_percentage", "");
        json.writeEndObject();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static int intParameter(Map<String, List<String>> parameters, String name, int fallback) {
        String value = single(parameters, name, null);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: a non-negative integer)");
        }
    }

    private static String single(Map<String, List<String>> parameters, String name, String fallback) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    private static Response ok(Json.Body body) {
        return new Response(200, Json.toBytes(body));
    }

    static Response error(int status, String error, String message) {
        return new Response(status, Json.toBytes(json -> {
            json.writeStartObject();
            json.writeStringField("error", error);
            json.writeStringField("message", message);
            json.writeEndObject();
        }));
    }
}
