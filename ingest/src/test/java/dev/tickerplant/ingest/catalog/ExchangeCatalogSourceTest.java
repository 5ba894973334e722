package dev.tickerplant.ingest.catalog;

import static dev.tickerplant.ingest.catalog.CatalogFixtures.EXCHANGE_PRODUCTS_STATS;
import static dev.tickerplant.ingest.catalog.CatalogFixtures.exchangeProduct;
import static dev.tickerplant.ingest.catalog.CatalogFixtures.quoted;
import static dev.tickerplant.ingest.catalog.CatalogFixtures.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.catalog.LocalHttpServer.Reply;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ExchangeCatalogSourceTest {
    /** A loopback test server answers at once; the timeout only has to outlast a busy machine. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

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
    void quoteVolumeIsBaseVolumeTimesLastPriceFromOneStatsCall() throws Exception {
        String stats = EXCHANGE_PRODUCTS_STATS.strip();
        stats = stats.substring(0, stats.length() - 1)
                + ",\"ADA-USD\":{\"stats_24hour\":{\"open\":\"\",\"last\":\"0.45\",\"volume\":\"\"},"
                + "\"stats_30day\":{\"volume\":\"1\"}}}";
        serve("[" + String.join(",", exchangeProduct("ADA-USD"), exchangeProduct("NEAR-USD"),
                exchangeProduct("BTC-USD")) + "]", stats);

        ProductCatalog catalog = source().fetch();

        // NEAR-USD: volume 2183324.5 × last 1.847 from the recorded stats
        assertEquals(new Product("NEAR-USD", "NEAR", "USD", true, true, "", new BigDecimal("4032600.3515")),
                catalog.find("NEAR-USD").orElseThrow());
        assertEquals(0, catalog.find("ADA-USD").orElseThrow().quoteVolume24h().signum(), "empty volume counts as 0");
        assertEquals(0, catalog.find("BTC-USD").orElseThrow().quoteVolume24h().signum(), "no stats counts as 0");
        assertEquals(List.of("/products", "/products/stats"),
                server.requests().stream().map(URI::getPath).toList());
    }

    @Test
    void mapsStatusAndTradingFlags() throws Exception {
        serve("[" + String.join(",",
                exchangeProduct("ADA-USD"),
                set(exchangeProduct("OLD-USD"), "status", quoted("delisted")),
                set(exchangeProduct("HALT-USD"), "trading_disabled", "true"),
                set(exchangeProduct("WIND-USD"), "cancel_only", "true"),
                exchangeProduct("ADA-EUR")) + "]", "{}");

        ProductCatalog catalog = source().fetch();

        assertEquals(new Product("ADA-USD", "ADA", "USD", true, true, "", BigDecimal.ZERO),
                catalog.find("ADA-USD").orElseThrow());
        assertEquals(false, catalog.find("OLD-USD").orElseThrow().online());
        assertEquals(false, catalog.find("HALT-USD").orElseThrow().tradable());
        assertEquals(false, catalog.find("WIND-USD").orElseThrow().tradable());
        assertEquals(List.of("ADA-USD"), new ProductSelector().select(catalog, Selection.defaults()).stream()
                .map(Product::id).toList());
    }

    @Test
    void failingStatsCallNamesTheStatsUrl() {
        server.route("/products", uri -> Reply.ok("[" + exchangeProduct("ADA-USD") + "]"));
        server.route("/products/stats", uri -> new Reply(500, "{\"message\":\"Internal server error\"}"));

        CatalogUnavailableException e = assertThrows(CatalogUnavailableException.class, () -> source().fetch());

        assertEquals("Catalog REST endpoint " + server.baseUrl() + "/products/stats answered HTTP 500 (expected 200):"
                + " {\"message\":\"Internal server error\"}", e.getMessage());
    }

    @Test
    void garbageProductListIsMalformedJson() {
        serve("{\"message\":\"not an array\"}", "{}");

        CatalogUnavailableException e = assertThrows(CatalogUnavailableException.class, () -> source().fetch());

        assertEquals("Catalog REST endpoint " + server.baseUrl() + "/products sent malformed JSON (the response is an"
                + " object at line 1 column 2 (expected an array))", e.getMessage());
    }

    @Test
    void truncatedStatsAreMalformedJson() {
        serve("[" + exchangeProduct("ADA-USD") + "]", "{\"ADA-USD\":{\"stats_24hour\":{\"last\":");

        CatalogUnavailableException e = assertThrows(CatalogUnavailableException.class, () -> source().fetch());

        assertTrue(e.getMessage().startsWith("Catalog REST endpoint " + server.baseUrl()
                + "/products/stats sent malformed JSON (Unexpected end-of-input"), e.getMessage());
    }

    @Test
    void refusedConnectionSaysSo() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + LocalHttpServer.closedPort());
        ExchangeCatalogSource source = new ExchangeCatalogSource(closed);

        CatalogUnavailableException e = assertThrows(CatalogUnavailableException.class, source::fetch);

        assertEquals("Catalog REST endpoint " + closed + "/products unreachable (connect refused)", e.getMessage());
        assertEquals(closed + "/products", source.endpoint());
    }

    private void serve(String products, String stats) {
        server.route("/products", uri -> Reply.ok(products));
        server.route("/products/stats", uri -> Reply.ok(stats));
    }

    private ExchangeCatalogSource source() {
        return new ExchangeCatalogSource(server.baseUrl(), ANSWER_TIMEOUT);
    }
}
