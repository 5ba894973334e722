package dev.tickerplant.ingest.catalog;

import static dev.tickerplant.ingest.catalog.CatalogFixtures.active;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class CatalogLoaderTest {

    private static final Clock WRITE_CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    private static final String QUERY = "?product_type=SPOT&get_tradability_status=true&limit=250&offset=0";

    @TempDir
    Path directory;

    private final ProductCatalog threeHundred = ProductCatalog.of(IntStream.range(0, 300)
            .mapToObj(i -> active(String.format("C%03d-USD", i), String.valueOf(i)))
            .toList());

    @Test
    void restDownStartsFromTheCacheWithOneWarning() throws Exception {
        CatalogCache cache = new CatalogCache(directory.resolve("data/catalog-cache.json"), WRITE_CLOCK);
        cache.write(threeHundred);
        URI closed = URI.create("http://127.0.0.1:" + LocalHttpServer.closedPort());

        try (LogCapture log = LogCapture.of(CatalogLoader.class)) {
            ProductCatalog loaded = new CatalogLoader(new AdvancedTradeCatalogSource(closed), cache).load();

            assertEquals(threeHundred, loaded);
            assertEquals(List.of("Catalog REST endpoint " + closed + "/api/v3/brokerage/market/products" + QUERY
                    + " unreachable (connect refused); starting from cached catalog " + cache.file()
                    + " written 2026-11-21T10:00:00Z (300 products)"), log.lines(Level.WARN));
        }
    }

    @Test
    void restDownWithoutCacheIsAStartupError() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + LocalHttpServer.closedPort());
        CatalogCache cache = new CatalogCache(directory.resolve("catalog-cache.json"), WRITE_CLOCK);

        StartupException e = assertThrows(StartupException.class,
                () -> new CatalogLoader(new AdvancedTradeCatalogSource(closed), cache).load());

        assertEquals("Catalog REST endpoint " + closed + "/api/v3/brokerage/market/products" + QUERY
                + " unreachable (connect refused); no cached catalog exists at " + cache.file(), e.getMessage());
    }

    @Test
    void restDownWithADamagedCacheNamesBothProblems() throws Exception {
        Path file = directory.resolve("catalog-cache.json");
        Files.writeString(file, "{\"format\":1,");
        CatalogCache cache = new CatalogCache(file, WRITE_CLOCK);

        StartupException e = assertThrows(StartupException.class,
                () -> new CatalogLoader(new FailingSource(), cache).load());

        assertTrue(e.getMessage().startsWith(FailingSource.FAILURE + "; cached catalog " + file
                + " is not usable: Unexpected end-of-input"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void successRefreshesTheCache() throws Exception {
        CatalogCache cache = new CatalogCache(directory.resolve("state/catalog-cache.json"), WRITE_CLOCK);
        ProductCatalog fetched = ProductCatalog.of(List.of(active("BTC-USD", "10"), active("ETH-USD", "5")));
        CatalogSource source = new CatalogSource() {
            @Override
            public ProductCatalog fetch() {
                return fetched;
            }

            @Override
            public String endpoint() {
                return "http://127.0.0.1:1/products";
            }
        };

        try (LogCapture log = LogCapture.of(CatalogLoader.class)) {
            assertEquals(fetched, new CatalogLoader(source, cache).load());

            assertEquals(List.of(), log.lines(Level.WARN));
        }
        assertEquals(new CachedCatalog(fetched, WRITE_CLOCK.instant()), cache.read().orElseThrow());
    }

    @Test
    void aFailedFetchLeavesTheCacheAsItWas() throws Exception {
        CatalogCache cache = new CatalogCache(directory.resolve("catalog-cache.json"), WRITE_CLOCK);
        cache.write(threeHundred);
        byte[] before = Files.readAllBytes(cache.file());

        new CatalogLoader(new FailingSource(), cache).load();

        assertEquals(new String(before), Files.readString(cache.file()));
    }

    private static final class FailingSource implements CatalogSource {
        static final String FAILURE = "Catalog REST endpoint http://127.0.0.1:1/products answered HTTP 503"
                + " (expected 200)";

        @Override
        public ProductCatalog fetch() throws CatalogUnavailableException {
            throw CatalogUnavailableException.badStatus(URI.create("http://127.0.0.1:1/products"), 503, "");
        }

        @Override
        public String endpoint() {
            return "http://127.0.0.1:1/products";
        }
    }
}
