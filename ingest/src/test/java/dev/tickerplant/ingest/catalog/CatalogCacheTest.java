package dev.tickerplant.ingest.catalog;

import static dev.tickerplant.ingest.catalog.CatalogFixtures.active;
import static dev.tickerplant.ingest.catalog.CatalogFixtures.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.750Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path directory;

    private final ProductCatalog catalog = ProductCatalog.of(List.of(
            active("BTC-USD", "1234567890.123456789"),
            product("BTC-USDC", true, true, "BTC-USD", "753187020.89"),
            product("DOGE-USD", false, false, "", "0")));

    @Test
    void readsBackWhatItWroteWithTheTimeOfWriting() throws Exception {
        CatalogCache cache = new CatalogCache(directory.resolve("data/nested/catalog-cache.json"), CLOCK);

        Instant writtenAt = cache.write(catalog);
        Optional<CachedCatalog> cached = cache.read();

        assertEquals(Instant.parse("2026-11-21T10:00:00Z"), writtenAt);
        assertEquals(Optional.of(new CachedCatalog(catalog, writtenAt)), cached);
    }

    @Test
    void replacesThePreviousFileAndLeavesNoTemporaryFileBehind() throws Exception {
        Path file = directory.resolve("catalog-cache.json");
        CatalogCache cache = new CatalogCache(file, CLOCK);
        ProductCatalog smaller = ProductCatalog.of(List.of(active("ETH-USD", "5")));

        cache.write(catalog);
        cache.write(smaller);

        assertEquals(smaller, cache.read().orElseThrow().catalog());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void noFileMeansNoCache() throws Exception {
        assertEquals(Optional.empty(), new CatalogCache(directory.resolve("absent.json"), CLOCK).read());
    }

    @Test
    void aDamagedFileIsAnErrorNamingTheFile() throws Exception {
        Path file = directory.resolve("catalog-cache.json");
        CatalogCache cache = new CatalogCache(file, CLOCK);
        cache.write(catalog);
        byte[] content = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(content, content.length / 2));

        IOException e = assertThrows(IOException.class, cache::read);

        assertTrue(e.getMessage().startsWith("cached catalog " + file + " is not usable: Unexpected end-of-input"),
                e.getMessage());
    }

    @Test
    void anotherFormatIsRejected() throws Exception {
        Path file = directory.resolve("catalog-cache.json");
        Files.writeString(file, "{\"format\":7,\"written_at\":\"2026-11-21T10:00:00Z\",\"products\":[]}",
                StandardCharsets.UTF_8);

        IOException e = assertThrows(IOException.class, () -> new CatalogCache(file, CLOCK).read());

        assertEquals("cached catalog " + file + " is not usable: format 7 (expected 1)", e.getMessage());
    }

    @Test
    void aWrongShapeNamesTheFieldAndWhereItIs() throws Exception {
        Path file = directory.resolve("catalog-cache.json");
        Files.writeString(file, "{\"format\":1,\"written_at\":\"2026-11-21T10:00:00Z\",\"products\":{}}",
                StandardCharsets.UTF_8);

        IOException e = assertThrows(IOException.class, () -> new CatalogCache(file, CLOCK).read());

        assertEquals("cached catalog " + file + " is not usable: \"products\" is an object at line 1 column 61"
                + " (expected an array)", e.getMessage());
    }
}
