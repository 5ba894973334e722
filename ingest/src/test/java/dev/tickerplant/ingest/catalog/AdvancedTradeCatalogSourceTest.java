package dev.tickerplant.ingest.catalog;

import static dev.tickerplant.ingest.catalog.CatalogFixtures.ADVANCED_TRADE_PRODUCT;
import static dev.tickerplant.ingest.catalog.CatalogFixtures.advancedTradePage;
import static dev.tickerplant.ingest.catalog.CatalogFixtures.advancedTradeProduct;
import static dev.tickerplant.ingest.catalog.CatalogFixtures.quoted;
import static dev.tickerplant.ingest.catalog.CatalogFixtures.remove;
import static dev.tickerplant.ingest.catalog.CatalogFixtures.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.catalog.LocalHttpServer.Reply;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AdvancedTradeCatalogSourceTest {
    /** A loopback test server answers at once; the timeout only has to outlast a busy machine. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private static final String PATH = "/api/v3/brokerage/market/products";
    private static final String QUERY = "product_type=SPOT&get_tradability_status=true&limit=250&offset=";

    private LocalHttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = LocalHttpServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void readsEveryPageUntilAShortOne() throws Exception {
        List<String> products = IntStream.range(0, 600)
                .mapToObj(i -> advancedTradeProduct(String.format("C%03d-USD", i), String.valueOf(i)))
                .toList();
        server.route(PATH, uri -> {
            int offset = Integer.parseInt(query(uri).get("offset"));
            int limit = Integer.parseInt(query(uri).get("limit"));
            List<String> page = products.subList(Math.min(offset, 600), Math.min(offset + limit, 600));
            return Reply.ok(advancedTradePage(page, offset + limit < 600));
        });

        ProductCatalog catalog = source().fetch();

        assertEquals(List.of(QUERY + 0, QUERY + 250, QUERY + 500),
                server.requests().stream().map(URI::getQuery).toList());
        assertEquals(600, catalog.size());
        assertEquals("C000-USD", catalog.products().get(0).id());
        assertEquals("C599-USD", catalog.products().get(599).id());
        assertEquals(new BigDecimal("599"), catalog.find("C599-USD").orElseThrow().quoteVolume24h());
    }

    @Test
    void stopsWhenAFullPageSaysThereIsNoNext() throws Exception {
        List<String> fullPage = IntStream.range(0, 250)
                .mapToObj(i -> advancedTradeProduct(String.format("C%03d-USD", i), "1"))
                .toList();
        server.route(PATH, uri -> Reply.ok(advancedTradePage(fullPage, false)));

        ProductCatalog catalog = source().fetch();

        assertEquals(1, server.requests().size());
        assertEquals(250, catalog.size());
    }

    @Test
    void aProductRepeatedOnTheNextPageIsKeptOnce() throws Exception {
        List<String> first = IntStream.range(0, 250)
                .mapToObj(i -> advancedTradeProduct(String.format("C%03d-USD", i), "1"))
                .toList();
        // The list shifted by one between the two requests, so the last product of page 1 comes again.
        List<String> second = List.of(first.get(249), advancedTradeProduct("C250-USD", "1"));
        server.route(PATH, uri -> Reply.ok(query(uri).get("offset").equals("0")
                ? advancedTradePage(first, true) : advancedTradePage(second, false)));

        assertEquals(251, source().fetch().size());
    }

    @Test
    void mapsTheRecordedProduct() throws Exception {
        String btcUsdc = set(ADVANCED_TRADE_PRODUCT, "product_id", quoted("BTC-USDC"));
        server.route(PATH, uri -> Reply.ok(advancedTradePage(List.of(btcUsdc), false)));

        Product product = source().fetch().find("BTC-USDC").orElseThrow();

        assertEquals(new Product("BTC-USDC", "BTC", "USDC", true, true, "BTC-USD", new BigDecimal("753187020.89")),
                product);
        assertTrue(product.isAlias());
    }

    @Test
    void eachDisablingFlagMakesAProductUntradable() throws Exception {
        List<String> products = new ArrayList<>();
        products.add(advancedTradeProduct("OK-USD", "1"));
        for (String flag : List.of("trading_disabled", "is_disabled", "cancel_only", "view_only")) {
            String id = flag.replace("_", "").toUpperCase() + "-USD";
            products.add(set(advancedTradeProduct(id, "1"), flag, "true"));
        }
        products.add(set(advancedTradeProduct("OFF-USD", "1"), "status", quoted("offline")));
        products.add(remove(advancedTradeProduct("NOFLAGS-USD", "1"), "view_only"));
        server.route(PATH, uri -> Reply.ok(advancedTradePage(products, false)));

        ProductCatalog catalog = source().fetch();

        Map<String, String> states = catalog.products().stream().collect(Collectors.toMap(Product::id,
                p -> (p.online() ? "online" : "offline") + "/" + (p.tradable() ? "tradable" : "untradable")));
        assertEquals(Map.of(
                "OK-USD", "online/tradable",
                "TRADINGDISABLED-USD", "online/untradable",
                "ISDISABLED-USD", "online/untradable",
                "CANCELONLY-USD", "online/untradable",
                "VIEWONLY-USD", "online/untradable",
                "OFF-USD", "offline/tradable",
                "NOFLAGS-USD", "online/tradable"), states);
    }

    @Test
    void emptyVolumeIsZeroAndAMissingOneIsBaseVolumeTimesPrice() throws Exception {
        String empty = advancedTradeProduct("EMPTY-USD", "");
        String missing = remove(advancedTradeProduct("MISSING-USD", "1"), "approximate_quote_24h_volume");
        server.route(PATH, uri -> Reply.ok(advancedTradePage(List.of(empty, missing), false)));

        ProductCatalog catalog = source().fetch();

        assertEquals(BigDecimal.ZERO, catalog.find("EMPTY-USD").orElseThrow().quoteVolume24h());
        // volume_24h 12900.84201012 × price 58382.78 from the recorded product
        assertEquals(new BigDecimal("753187020.8915937336"),
                catalog.find("MISSING-USD").orElseThrow().quoteVolume24h());
    }

    @Test
    void selectionKeepsOnlyOnlineTradableNonAliasProductsOfTheQuote() throws Exception {
        server.route(PATH, uri -> Reply.ok(advancedTradePage(List.of(
                set(ADVANCED_TRADE_PRODUCT, "product_id", quoted("BTC-USDC")),
                advancedTradeProduct("ETH-USDC", "300"),
                advancedTradeProduct("BTC-USD", "900"),
                advancedTradeProduct("ETH-USD", "800"),
                advancedTradeProduct("ETH-EUR", "700"),
                set(advancedTradeProduct("DOGE-USD", "600"), "status", quoted("offline")),
                set(advancedTradeProduct("XRP-USD", "500"), "trading_disabled", "true"),
                set(advancedTradeProduct("LTC-USD", "400"), "alias", quoted("LTC-USDT")),
                advancedTradeProduct("SOL-USD", "")), false)));
        ProductCatalog catalog = source().fetch();
        ProductSelector selector = new ProductSelector();

        List<Product> usd = selector.select(catalog, Selection.defaults());
        List<Product> usdc = selector.select(catalog, Selection.allOf("USDC"));

        assertEquals(List.of("BTC-USD", "ETH-USD", "SOL-USD"), usd.stream().map(Product::id).toList());
        assertEquals(List.of("ETH-USDC"), usdc.stream().map(Product::id).toList());
        assertEquals(9, catalog.size());
    }

    @Test
    void serverErrorNamesTheUrlTheStatusAndTheBody() {
        server.route(PATH, uri -> new Reply(500, "{\"error\":\"INTERNAL\",\n\"message\":\"boom\"}"));

        CatalogUnavailableException e = assertThrows(CatalogUnavailableException.class, () -> source().fetch());

        assertEquals("Catalog REST endpoint " + server.baseUrl() + PATH + "?" + QUERY + "0"
                + " answered HTTP 500 (expected 200): {\"error\":\"INTERNAL\", \"message\":\"boom\"}", e.getMessage());
        assertEquals(server.baseUrl() + PATH + "?" + QUERY + "0", e.url());
    }

    @Test
    void notFoundOnTheSecondPageNamesThatPage() {
        List<String> fullPage = IntStream.range(0, 250)
                .mapToObj(i -> advancedTradeProduct(String.format("C%03d-USD", i), "1"))
                .toList();
        server.route(PATH, uri -> query(uri).get("offset").equals("0")
                ? Reply.ok(advancedTradePage(fullPage, true)) : new Reply(404, ""));

        CatalogUnavailableException e = assertThrows(CatalogUnavailableException.class, () -> source().fetch());

        assertEquals("Catalog REST endpoint " + server.baseUrl() + PATH + "?" + QUERY + "250"
                + " answered HTTP 404 (expected 200)", e.getMessage());
    }

    @Test
    void garbageIsReportedAsMalformedJsonWithItsPosition() {
        server.route(PATH, uri -> Reply.ok("<html>Service Unavailable</html>"));

        CatalogUnavailableException e = assertThrows(CatalogUnavailableException.class, () -> source().fetch());

        String prefix = "Catalog REST endpoint " + server.baseUrl() + PATH + "?" + QUERY + "0"
                + " sent malformed JSON (Unexpected character ('<'";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertTrue(e.getMessage().endsWith("at line 1 column 1)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void wrongShapeIsReportedAsMalformedJson() {
        server.route(PATH, uri -> Reply.ok("{\"products\":\"none\"}"));

        CatalogUnavailableException e = assertThrows(CatalogUnavailableException.class, () -> source().fetch());

        assertEquals("Catalog REST endpoint " + server.baseUrl() + PATH + "?" + QUERY + "0"
                + " sent malformed JSON (\"products\" is a string at line 1 column 14 (expected an array))",
                e.getMessage());
    }

    @Test
    void unparsableVolumeNamesTheProductAndTheField() {
        String bad = advancedTradeProduct("BAD-USD", "12,5");
        server.route(PATH, uri -> Reply.ok(advancedTradePage(List.of(bad), false)));

        CatalogUnavailableException e = assertThrows(CatalogUnavailableException.class, () -> source().fetch());

        assertTrue(e.getMessage().endsWith(" sent malformed JSON (product BAD-USD: approximate_quote_24h_volume"
                + " \"12,5\" (expected a decimal >= 0 or \"\"))"), e.getMessage());
    }

    @Test
    void anEmptyListIsNotACatalog() {
        server.route(PATH, uri -> Reply.ok(advancedTradePage(List.of(), false)));

        CatalogUnavailableException e = assertThrows(CatalogUnavailableException.class, () -> source().fetch());

        assertEquals("Catalog REST endpoint " + server.baseUrl() + PATH + "?" + QUERY + "0"
                + " sent an unusable catalog (no products listed (expected at least one))", e.getMessage());
    }

    @Test
    void refusedConnectionSaysSo() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + LocalHttpServer.closedPort());

        CatalogUnavailableException e = assertThrows(CatalogUnavailableException.class,
                () -> new AdvancedTradeCatalogSource(closed).fetch());

        assertEquals("Catalog REST endpoint " + closed + PATH + "?" + QUERY + "0" + " unreachable (connect refused)",
                e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.route(PATH, uri -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.ok(advancedTradePage(List.of(), false));
        });
        try {
            AdvancedTradeCatalogSource source =
                    new AdvancedTradeCatalogSource(server.baseUrl(), Duration.ofMillis(300));

            CatalogUnavailableException e = assertThrows(CatalogUnavailableException.class, source::fetch);

            assertEquals("Catalog REST endpoint " + server.baseUrl() + PATH + "?" + QUERY + "0"
                    + " unreachable (timed out after 300 ms)", e.getMessage());
        } finally {
            release.countDown();
        }
    }

    @Test
    void restBaseMayCarryATrailingSlash() {
        AdvancedTradeCatalogSource source = new AdvancedTradeCatalogSource(URI.create("https://api.coinbase.com/"));

        assertEquals("https://api.coinbase.com/api/v3/brokerage/market/products", source.endpoint());
    }

    @Test
    void rejectsABaseThatIsNotHttp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdvancedTradeCatalogSource(URI.create("wss://advanced-trade-ws.coinbase.com")));

        assertEquals("restBase: wss://advanced-trade-ws.coinbase.com (expected an http(s) URL without query,"
                + " such as https://api.coinbase.com)", e.getMessage());
    }

    private AdvancedTradeCatalogSource source() {
        return new AdvancedTradeCatalogSource(server.baseUrl(), ANSWER_TIMEOUT);
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }
}
