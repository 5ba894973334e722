package dev.tickerplant.sim;

import static dev.tickerplant.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.market.Product;
import dev.tickerplant.sim.testing.SimulatorFixture;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listing and delisting products while the feed runs, seen through REST, both feeds and the control API. */
class ProductListingTest {

    /** Second only to BTC-USD in the standard catalog, so a listing at this volume trades often. */
    private static final BigDecimal BUSY_VOLUME = new BigDecimal("900000000");

    @RegisterExtension
    static final SimulatorFixture SIM = SimulatorFixture.of(SimulatorOptions.defaults().withTickRate(500).withSeed(11)
            .withMaxConnectionsPerSecond(1_000).withMaxSubscribeMessagesPerSecond(1_000));

    private record Reply(int status, Map<String, Object> body) {
    }

    private static Reply control(String method, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SIM.get().controlUri() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = Http.send(request);
        return new Reply(response.statusCode(), Json.object(response.body()));
    }

    private static String rest(String pathAndQuery) {
        HttpResponse<String> response = Http.get(URI.create(SIM.get().restBaseUri() + pathAndQuery));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static Map<String, Object> advancedTradeListing(String id) {
        List<Map<String, Object>> page = at(Json.object(rest("/api/v3/brokerage/market/products?product_ids=" + id)),
                "products");
        assertEquals(1, page.size(), "the list holds " + id);
        Map<String, Object> single = Json.object(rest("/api/v3/brokerage/market/products/" + id));
        assertEquals(page.get(0).get("status"), single.get("status"));
        return page.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> exchangeListing(String id) {
        Map<String, Object> listed = Json.array(rest("/products")).stream()
                .map(p -> (Map<String, Object>) p)
                .filter(p -> id.equals(p.get("id")))
                .findFirst().orElseThrow(() -> new AssertionError(id + " is not in the Exchange list"));
        assertEquals(listed.get("status"), Json.object(rest("/products/" + id)).get("status"));
        return listed;
    }

    private static String tickerProduct(Map<String, Object> frame) {
        return "ticker".equals(frame.get("channel")) && "update".equals(at(frame, "events", 0, "type"))
                ? at(frame, "events", 0, "tickers", 0, "product_id") : null;
    }

    @Test
    void listedProductShowsOnlineInBothRestListsAndTradesOnBothFeeds() {
        // Opened before the listing: the connections must take a product index they have never seen.
        try (WebSocketClient advancedTrade = WebSocketClient.connect(SIM.get().advancedTradeUri());
             WebSocketClient exchange = WebSocketClient.connect(SIM.get().exchangeUri())) {
            Product listed = SIM.get().listProduct("FRESH-USD", new BigDecimal("2.5"), BUSY_VOLUME);
            assertEquals("FRESH", listed.baseCurrency());
            assertEquals("USD", listed.quoteCurrency());

            Map<String, Object> at = advancedTradeListing("FRESH-USD");
            assertEquals("online", at.get("status"));
            assertEquals(false, at.get("trading_disabled"));
            assertEquals(false, at.get("is_disabled"));
            assertEquals(false, at.get("cancel_only"));
            assertEquals(false, at.get("view_only"));
            assertEquals("FRESH", at.get("base_currency_id"));
            assertEquals("USD", at.get("quote_currency_id"));
            assertEquals("900000000.00", at.get("approximate_quote_24h_volume"));
            Map<String, Object> ex = exchangeListing("FRESH-USD");
            assertEquals("online", ex.get("status"));
            assertEquals(false, ex.get("trading_disabled"));
            assertTrue(Json.object(rest("/products/stats")).containsKey("FRESH-USD"), "stats carry its volume");

            advancedTrade.send("{\"type\":\"subscribe\",\"product_ids\":[\"FRESH-USD\"],\"channel\":\"ticker\"}");
            assertEquals("FRESH-USD", at(advancedTrade.nextJson(), "events", 0, "tickers", 0, "product_id"));
            assertEquals(Map.of("ticker", List.of("FRESH-USD")), at(advancedTrade.nextJson(), "events", 0, "subscriptions"));
            assertEquals("FRESH-USD", tickerProduct(advancedTrade.nextJson(f -> tickerProduct(f) != null)));

            exchange.send("{\"type\":\"subscribe\",\"product_ids\":[\"FRESH-USD\"],\"channels\":[\"ticker\"]}");
            assertEquals("subscriptions", exchange.nextJson().get("type"));
            long lastTrade = (long) exchange.nextJson("ticker").get("trade_id");
            Map<String, Object> traded = exchange.nextJson("ticker");
            assertEquals("FRESH-USD", traded.get("product_id"));
            assertEquals(lastTrade + 1, traded.get("trade_id"), "a trade after the last one, as for any product");
            assertFalse(SIM.get().emitted().ticksFor("FRESH-USD").isEmpty());
        }
    }

    @Test
    void delistedProductShowsDelistedStopsTradingAndRefusesNewSubscribers() {
        SIM.get().listProduct("GONE-USD", new BigDecimal("40"), BUSY_VOLUME);
        long openingTrade = SIM.get().latest().of("GONE-USD").tradeId();
        try (WebSocketClient exchange = WebSocketClient.connect(SIM.get().exchangeUri())) {
            exchange.send("{\"type\":\"subscribe\",\"product_ids\":[\"GONE-USD\",\"BTC-USD\"],\"channels\":[\"ticker\"]}");
            assertEquals("subscriptions", exchange.nextJson().get("type"));
            exchange.nextJson(f -> "GONE-USD".equals(f.get("product_id")) && (long) f.get("trade_id") > openingTrade);

            SIM.get().delistProduct("GONE-USD");
            // Taken after the delisting returned: nothing generated later may carry a higher trade id.
            long goneLastTrade = SIM.get().latest().of("GONE-USD").tradeId();
            long goneEmitted = SIM.get().emitted().ticksFor("GONE-USD").size();
            long btcAtDelisting = SIM.get().latest().of("BTC-USD").tradeId();

            Map<String, Long> highestTradeId = new HashMap<>();
            int btcAfterDelisting = 0;
            while (btcAfterDelisting < 30) {
                Map<String, Object> ticker = exchange.nextJson("ticker");
                String product = (String) ticker.get("product_id");
                long tradeId = (long) ticker.get("trade_id");
                highestTradeId.merge(product, tradeId, Math::max);
                if (product.equals("BTC-USD") && tradeId > btcAtDelisting) {
                    btcAfterDelisting++;
                }
            }
            assertTrue(highestTradeId.getOrDefault("GONE-USD", 0L) <= goneLastTrade,
                    "no GONE-USD trade after the delisting: " + highestTradeId + " vs " + goneLastTrade);
            assertEquals(goneEmitted, SIM.get().emitted().ticksFor("GONE-USD").size(), "nothing more generated");
            assertEquals(goneLastTrade, SIM.get().latest().of("GONE-USD").tradeId());

            exchange.send("{\"type\":\"subscribe\",\"product_ids\":[\"GONE-USD\"],\"channels\":[\"ticker\"]}");
            assertEquals(Map.of("type", "error", "message", "Failed to subscribe", "reason", "GONE-USD is delisted"),
                    exchange.nextJson(f -> "error".equals(f.get("type"))));
        }

        Map<String, Object> at = advancedTradeListing("GONE-USD");
        assertEquals("delisted", at.get("status"));
        assertEquals(true, at.get("trading_disabled"));
        assertEquals(true, at.get("is_disabled"));
        Map<String, Object> ex = exchangeListing("GONE-USD");
        assertEquals("delisted", ex.get("status"));
        assertEquals(true, ex.get("trading_disabled"));

        try (WebSocketClient advancedTrade = WebSocketClient.connect(SIM.get().advancedTradeUri())) {
            advancedTrade.send("{\"type\":\"subscribe\",\"product_ids\":[\"GONE-USD\",\"ETH-USD\"],\"channel\":\"ticker\"}");
            assertEquals("ETH-USD", at(advancedTrade.nextJson(), "events", 0, "tickers", 0, "product_id"));
            assertEquals(Map.of("ticker", List.of("ETH-USD")), at(advancedTrade.nextJson(), "events", 0, "subscriptions"),
                    "left out of the ack, as an unknown product is");
        }
        assertEquals("delisted", SIM.get().delistProduct("GONE-USD").flags().status(), "delisting again changes nothing");
    }

    @Test
    void controlApiListsDelistsAndShowsProducts() {
        Reply listed = control("POST", "/products/list?id=CTRL-USD&price=0.5&volume=1000");
        assertEquals(200, listed.status());
        assertEquals(Map.of("listed", "CTRL-USD", "status", "online", "price", "0.5000", "quote_volume_24h", "1000.00"),
                listed.body());
        assertEquals(Map.of("id", "CTRL-USD", "status", "online", "tradable", true), productRow("CTRL-USD"));
        Reply defaults = control("POST", "/products/list?id=PLAIN-USD");
        assertEquals("1.000", defaults.body().get("price"));
        assertEquals("10000000.00", defaults.body().get("quote_volume_24h"));

        Reply delisted = control("POST", "/products/delist?id=CTRL-USD");
        assertEquals(Map.of("delisted", "CTRL-USD", "status", "delisted"), delisted.body());
        assertEquals(delisted, control("POST", "/products/delist?id=CTRL-USD"), "delisting again answers the same");
        assertEquals(Map.of("id", "CTRL-USD", "status", "delisted", "tradable", false), productRow("CTRL-USD"));
        assertEquals(Map.of("id", "LOOM-USD", "status", "delisted", "tradable", false), productRow("LOOM-USD"));
    }

    private static Map<String, Object> productRow(String id) {
        Reply products = control("GET", "/products");
        assertEquals(200, products.status());
        List<Map<String, Object>> rows = at(products.body(), "products");
        return rows.stream().filter(r -> id.equals(r.get("id"))).findFirst().orElseThrow();
    }

    @Test
    void controlApiRejectsBadListingRequestsWithOneLineErrors() {
        control("POST", "/products/list?id=TWICE-USD");
        assertError(400, "product: TWICE-USD is already listed (status online; expected: a new id)",
                control("POST", "/products/list?id=TWICE-USD"));
        assertError(400, "product: LOOM-USD is already listed (status delisted; expected: a new id)",
                control("POST", "/products/list?id=LOOM-USD"));
        assertError(400, "id: 'new-usd' (expected: BASE-QUOTE, each 1..16 upper-case letters or digits, e.g. NEW-USD)",
                control("POST", "/products/list?id=new-usd"));
        assertError(400, "id: 'A-B-C' (expected: BASE-QUOTE, each 1..16 upper-case letters or digits, e.g. NEW-USD)",
                control("POST", "/products/list?id=A-B-C"));
        assertError(400, "id: 'X\\u000a-USD' (expected: BASE-QUOTE, each 1..16 upper-case letters or digits, e.g. NEW-USD)",
                control("POST", "/products/list?id=X%0A-USD"));
        assertError(400, "id: missing (expected: ?id=...)", control("POST", "/products/list"));
        assertError(400, "price: cheap (expected: a decimal number)", control("POST", "/products/list?id=P-USD&price=cheap"));
        assertError(400, "price: 0 (expected: 0.00001..10000000) for P-USD", control("POST", "/products/list?id=P-USD&price=0"));
        assertError(400, "volume: -1 (expected: 0..10000000000 in the quote currency) for P-USD",
                control("POST", "/products/list?id=P-USD&volume=-1"));
        assertTrue(SIM.get().catalog().find("P-USD").isEmpty(), "a rejected listing lists nothing");
        assertError(404, "product: 'NOPE-USD' is not in the catalog (expected: an id of GET /products, e.g. BTC-USD)",
                control("POST", "/products/delist?id=NOPE-USD"));
        assertEquals(405, control("GET", "/products/list?id=GET-USD").status());
        assertEquals(405, control("POST", "/products").status());
        assertEquals(404, control("POST", "/products/relist?id=BTC-USD").status());
        assertTrue(SIM.get().catalog().find("GET-USD").isEmpty());
    }

    private static void assertError(int status, String message, Reply reply) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(message, reply.body().get("message"));
    }

    @Test
    void javaApiRejectsWithOneLineMessagesAndIsSafeFromManyThreads() throws Exception {
        assertEquals("product: NOPE-USD (expected: an id in the catalog, e.g. BTC-USD)",
                assertThrows(IllegalArgumentException.class, () -> SIM.get().delistProduct("NOPE-USD")).getMessage());
        assertEquals("id: 'BTCUSD' (expected: BASE-QUOTE, each 1..16 upper-case letters or digits, e.g. NEW-USD)",
                assertThrows(IllegalArgumentException.class, () -> SIM.get().listProduct("BTCUSD")).getMessage());

        int sizeBefore = SIM.get().catalog().size();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String distinct = "RACE" + i + "-USD";
                racers.add(() -> {
                    SIM.get().listProduct(distinct);
                    return true;
                });
                racers.add(() -> {
                    try {
                        SIM.get().listProduct("SAME-USD");
                        return true;
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                });
            }
            int succeeded = 0;
            for (Future<Boolean> result : threads.invokeAll(racers)) {
                succeeded += result.get() ? 1 : 0;
            }
            assertEquals(8 + 1, succeeded, "every distinct id, and the shared one once");
        } finally {
            threads.shutdownNow();
        }
        assertEquals(sizeBefore + 9, SIM.get().catalog().size());
        for (int index = sizeBefore; index < SIM.get().catalog().size(); index++) {
            Product product = SIM.get().catalog().get(index);
            assertEquals(index, product.index());
            assertEquals(product, SIM.get().catalog().require(product.id()));
            assertNotNull(SIM.get().latest().of(product), "each has an opening tick");
        }
    }
}
