package dev.tickerplant.sim.feed;

import dev.tickerplant.coinbase.WireTime;
import dev.tickerplant.coinbase.message.JsonBody;
import dev.tickerplant.coinbase.message.JsonMessages;
import dev.tickerplant.coinbase.rest.AdvancedTradeProduct;
import dev.tickerplant.coinbase.rest.AdvancedTradeProducts;
import dev.tickerplant.coinbase.rest.ExchangeProduct;
import dev.tickerplant.coinbase.rest.ExchangeProducts;
import dev.tickerplant.coinbase.rest.ExchangeStats;
import dev.tickerplant.sim.market.Decimals;
import dev.tickerplant.sim.market.LatestTicks;
import dev.tickerplant.sim.market.Product;
import dev.tickerplant.sim.market.ProductCatalog;
import dev.tickerplant.sim.market.ProductType;
import dev.tickerplant.sim.market.Tick;
import io.netty.handler.codec.http.QueryStringDecoder;
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

    static final String AT_PRODUCTS = AdvancedTradeProducts.PATH;
    static final String AT_TIME = AdvancedTradeProducts.TIME_PATH;
    static final String EX_PRODUCTS = ExchangeProducts.PATH;
    static final int MAX_LIMIT = AdvancedTradeProducts.MAX_LIMIT;
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
        List<AdvancedTradeProduct> products = new ArrayList<>(page.size());
        for (Product product : page) {
            products.add(advancedTradeProduct(product));
        }
        return ok(json -> AdvancedTradeProducts.writePage(json, products, hasNext, hasPrevious));
    }

    private Response advancedTradeProduct(String id) {
        Optional<Product> product = catalog.find(id);
        if (product.isEmpty()) {
            return error(404, "NOT_FOUND", "ProductID " + id + " could not be found");
        }
        AdvancedTradeProduct listed = advancedTradeProduct(product.get());
        return ok(json -> AdvancedTradeProducts.writeProduct(json, listed));
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

    /** The Advanced Trade listing of {@code product}, with the live market's prices and volume. */
    private AdvancedTradeProduct advancedTradeProduct(Product product) {
        Tick tick = latest.of(product);
        Product quoteSource = catalog.dataSource(product);
        return new AdvancedTradeProduct(
                product.id(),
                tick.price(),
                tick.pricePercentChange24h(),
                tick.volume24h(),
                product.volumePercentChange24h().toPlainString(),
                product.baseIncrement(),
                product.priceIncrement(),
                "1",
                QUOTE_MAX_SIZE,
                product.baseIncrement(),
                baseMaxSize(product),
                product.baseName(),
                product.quoteName(),
                false,
                product.flags().isDisabled(),
                false,
                product.flags().status(),
                product.flags().cancelOnly(),
                product.flags().limitOnly(),
                product.flags().postOnly(),
                product.flags().tradingDisabled(),
                product.flags().auctionMode(),
                product.type().name(),
                product.quoteCurrency(),
                product.baseCurrency(),
                "",
                product.alias(),
                product.aliasTo(),
                product.baseCurrency(),
                quoteSource.quoteCurrency(),
                product.flags().viewOnly(),
                product.priceIncrement(),
                product.id(),
                product.type() == ProductType.SPOT ? "CBE" : "FCM",
                product.quoteVolume24h().toPlainString());
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
                    ExchangeProducts.writeProduct(json, exchangeProduct(product));
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
            return new Response(404, JsonMessages.toBytes(json -> {
                json.writeStartObject();
                json.writeStringField("message", "NotFound");
                json.writeEndObject();
            }));
        }
        if (!stats) {
            ExchangeProduct listed = exchangeProduct(product.get());
            return ok(json -> ExchangeProducts.writeProduct(json, listed));
        }
        ExchangeStats figures = stats(latest.of(product.get()));
        return ok(json -> ExchangeProducts.writeStats(json, figures));
    }

    private Response exchangeStats() {
        return ok(json -> {
            json.writeStartObject();
            for (Product product : catalog.products()) {
                if (product.type() != ProductType.SPOT) {
                    continue;
                }
                ExchangeProducts.writeStatsEntry(json, product.id(), stats(latest.of(product)));
            }
            json.writeEndObject();
        });
    }

    /**
     * The Exchange listing of {@code product}. The Exchange has no view-only state; a view-only listing shows as
     * {@code trading_disabled}.
     */
    private static ExchangeProduct exchangeProduct(Product product) {
        return new ExchangeProduct(
                product.id(),
                product.baseCurrency(),
                product.quoteCurrency(),
                product.priceIncrement(),
                product.baseIncrement(),
                product.id(),
                "1",
                false,
                product.flags().postOnly(),
                product.flags().limitOnly(),
                product.flags().cancelOnly(),
                product.flags().status(),
                "",
                product.flags().auctionMode(),
                product.flags().tradingDisabled() || product.flags().viewOnly(),
                product.id().equals("USDT-USDC") || product.id().equals("EURC-USDC"),
                "0.03000000",
                "");
    }

    private static ExchangeStats stats(Tick tick) {
        return new ExchangeStats(tick.open24h(), tick.high24h(), tick.low24h(), tick.price(), tick.volume24h(),
                tick.volume30d());
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

    private static Response ok(JsonBody body) {
        return new Response(200, JsonMessages.toBytes(body));
    }

    static Response error(int status, String error, String message) {
        return new Response(status, JsonMessages.toBytes(json -> {
            json.writeStartObject();
            json.writeStringField("error", error);
            json.writeStringField("message", message);
            json.writeEndObject();
        }));
    }
}
