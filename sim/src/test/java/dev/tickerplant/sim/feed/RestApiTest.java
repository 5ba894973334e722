package dev.tickerplant.sim.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.market.Market;
import dev.tickerplant.sim.market.ProductCatalog;
import dev.tickerplant.sim.testing.Fixtures;
import dev.tickerplant.testing.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestApiTest {

    private final Market market = new Market(ProductCatalog.generate(1), 1, 0, 10, Clock.systemUTC(), System::nanoTime);
    private final RestApi rest = new RestApi(market.catalog(), market.latest(), Clock.systemUTC());

    private Object get(String uri, int expectedStatus) {
        RestApi.Response response = rest.handle("GET", uri);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(expectedStatus, response.status(), body);
        return Json.parse(body);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> allAdvancedTradeProducts(String extraQuery) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int offset = 0; ; offset += 250) {
            Map<String, Object> page = (Map<String, Object>) get(RestApi.AT_PRODUCTS + "?limit=250&offset=" + offset + extraQuery, 200);
            List<Map<String, Object>> products = (List<Map<String, Object>>) page.get("products");
            assertEquals((long) products.size(), page.get("num_products"), "num_products is the number returned");
            all.addAll(products);
            if (products.size() < 250) {
                assertEquals(false, Json.at(page, "pagination", "has_next"));
                return all;
            }
        }
    }

    @Test
    void paginationYieldsExactly300UsdOnlineTradableNonAliasSpotProducts() {
        List<Map<String, Object>> all = allAdvancedTradeProducts("&product_type=SPOT");
        assertTrue(all.size() > 300, "the list holds more than the USD selection: " + all.size());
        List<Object> selected = all.stream()
                .filter(p -> p.get("quote_currency_id").equals("USD") && p.get("status").equals("online")
                        && p.get("trading_disabled").equals(false) && p.get("is_disabled").equals(false)
                        && p.get("cancel_only").equals(false) && p.get("view_only").equals(false)
                        && p.get("alias").equals(""))
                .map(p -> p.get("product_id")).toList();
        assertEquals(300, selected.size());
        assertEquals("BTC-USD", selected.get(0));
        assertEquals(selected.size(), selected.stream().distinct().count(), "no product on two pages");
        assertTrue(all.stream().allMatch(p -> p.get("product_type").equals("SPOT")));
        BigDecimal previous = null;
        for (Map<String, Object> p : all.stream().filter(p -> p.get("quote_currency_id").equals("USD")).toList()) {
            BigDecimal volume = new BigDecimal((String) p.get("approximate_quote_24h_volume"));
            if (previous != null) {
                assertTrue(previous.compareTo(volume) >= 0, "busiest USD book first: " + p.get("product_id"));
            }
            previous = volume;
        }
    }

    @Test
    void productTypeFiltersFuturesInAndOut() {
        List<Map<String, Object>> everything = allAdvancedTradeProducts("");
        List<Map<String, Object>> futures = allAdvancedTradeProducts("&product_type=FUTURE");
        assertEquals(market.catalog().size(), everything.size());
        assertEquals(2, futures.size());
        assertTrue(futures.stream().allMatch(p -> p.get("product_venue").equals("FCM")));
    }

    @Test
    void productHasEveryFieldOfTheCapturedResponse() {
        Map<String, Object> capture = Json.object(Fixtures.read("rest/47-msg-capture.json"));
        Map<String, Object> btcUsdc = Json.object(new String(
                rest.handle("GET", RestApi.AT_PRODUCTS + "/BTC-USDC").body(), StandardCharsets.UTF_8));
        assertEquals(new ArrayList<>(capture.keySet()), new ArrayList<>(btcUsdc.keySet()));
        assertEquals("BTC-USD", btcUsdc.get("alias"));
        assertEquals("USD", btcUsdc.get("quote_display_symbol"));
        assertEquals("USDC", btcUsdc.get("quote_currency_id"));
        Map<String, Object> btcUsd = Json.object(new String(
                rest.handle("GET", RestApi.AT_PRODUCTS + "/BTC-USD").body(), StandardCharsets.UTF_8));
        assertEquals(List.of("BTC-USDC"), btcUsd.get("alias_to"));
        assertEquals(market.latest().of("BTC-USD").price(), btcUsd.get("price"));
    }

    @Test
    void pagingParametersAreCappedAndValidated() {
        Map<String, Object> capped = Json.object(new String(
                rest.handle("GET", RestApi.AT_PRODUCTS + "?limit=1000").body(), StandardCharsets.UTF_8));
        assertEquals(250L, capped.get("num_products"));
        assertEquals(true, Json.at(capped, "pagination", "has_next"));
        Map<String, Object> bad = Json.object(new String(
                rest.handle("GET", RestApi.AT_PRODUCTS + "?offset=-3").body(), StandardCharsets.UTF_8));
        assertEquals("offset: -3 (expected: a non-negative integer)", bad.get("message"));
        assertEquals(400, rest.handle("GET", RestApi.AT_PRODUCTS + "?product_type=BOND").status());
        Map<String, Object> filtered = Json.object(new String(rest.handle("GET",
                RestApi.AT_PRODUCTS + "?product_ids=ETH-USD&product_ids=SOL-USD").body(), StandardCharsets.UTF_8));
        assertEquals(2L, filtered.get("num_products"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void exchangeProductsAndStats() {
        List<Object> products = (List<Object>) get("/products", 200);
        Map<String, Object> capture = Json.object(Fixtures.read("rest/48-msg-capture.json"));
        Map<String, Object> ada = (Map<String, Object>) products.stream()
                .filter(p -> ((Map<String, Object>) p).get("id").equals("ADA-USD")).findFirst().orElseThrow();
        for (String field : List.of("id", "base_currency", "quote_currency", "quote_increment", "base_increment",
                "display_name", "min_market_funds", "margin_enabled", "post_only", "limit_only", "cancel_only",
                "trading_disabled", "status", "status_message")) {
            assertTrue(ada.containsKey(field), field);
        }
        assertEquals(capture.get("quote_currency"), ada.get("quote_currency"));
        long usdSelection = products.stream().map(p -> (Map<String, Object>) p)
                .filter(p -> p.get("quote_currency").equals("USD") && p.get("status").equals("online")
                        && p.get("trading_disabled").equals(false) && p.get("cancel_only").equals(false))
                .count();
        assertEquals(300, usdSelection);

        Map<String, Object> stats = (Map<String, Object>) get("/products/stats", 200);
        Map<String, Object> statsCapture = Json.object(Fixtures.read("rest/50-msg-capture.json"));
        Map<String, Object> near = (Map<String, Object>) stats.get("NEAR-USD");
        assertEquals(((Map<String, Object>) statsCapture.get("NEAR-USD")).keySet(), near.keySet());
        assertEquals(market.latest().of("BTC-USD").price(), Json.at(stats, "BTC-USD", "stats_24hour", "last"));
        assertFalse(stats.containsKey("BIT-26DEC25-CDE"), "futures are not Exchange products");
        Map<String, Object> one = (Map<String, Object>) get("/products/ETH-USD/stats", 200);
        assertEquals(market.latest().of("ETH-USD").volume24h(), one.get("volume"));
        assertEquals(Map.of("message", "NotFound"), get("/products/NOPE-USD", 404));
    }

    @Test
    void unknownPathsAnd405AreJson() {
        Map<String, Object> notFound = Json.object(new String(rest.handle("GET", "/nope").body(), StandardCharsets.UTF_8));
        assertEquals(Map.of("error", "NOT_FOUND", "message", "no route for GET /nope"), notFound);
        assertEquals(404, rest.handle("GET", "/nope").status());
        assertEquals(405, rest.handle("POST", "/products").status());
        assertEquals(404, rest.handle("GET", RestApi.AT_PRODUCTS + "/NOPE-USD").status());
        assertTrue(((Map<?, ?>) get(RestApi.AT_TIME, 200)).containsKey("epochMillis"));
    }
}
