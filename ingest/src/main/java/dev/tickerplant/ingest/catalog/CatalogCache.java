package dev.tickerplant.ingest.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tickerplant.coinbase.rest.JsonDocument;
import dev.tickerplant.coinbase.rest.WireFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last catalog fetched, kept in a JSON file so that the daemon can start while the REST endpoint is down.
 * Written to a temporary file and moved into place, so a crash mid-write never leaves half a catalog behind.
 */
public final class CatalogCache {

    static final int FORMAT = 1;

    /** The file as {@link #writeJson} writes it; each product is read as its scalar fields, like a REST listing. */
    record CacheFile(JsonNode format, String writtenAt, ArrayNode products) {
    }

    private final Path file;
    private final Clock clock;

    public CatalogCache(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path file() {
        return file;
    }

    /** Writes the catalog, creating parent directories, and returns the time recorded as written. */
    public Instant write(ProductCatalog catalog) throws IOException {
        Instant writtenAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                writeJson(out, catalog, writtenAt);
            }
            moveIntoPlace(temporary);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return writtenAt;
    }

    /**
     * The cached catalog, or empty when no cache file exists.
     *
     * @throws IOException when the file exists but cannot be read or is not a catalog written by {@link #write}
     */
    public Optional<CachedCatalog> read() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IOException("cached catalog " + file + " cannot be read: " + e, e);
        }
        try {
            return Optional.of(CatalogJson.parse(() -> readJson(content)));
        } catch (CatalogFormatException e) {
            throw new IOException("cached catalog " + file + " is not usable: " + e.getMessage(), e);
        }
    }

    private void moveIntoPlace(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeJson(OutputStream out, ProductCatalog catalog, Instant writtenAt) throws IOException {
        try (JsonGenerator json = JsonDocument.FACTORY.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("format", FORMAT);
            json.writeStringField("written_at", writtenAt.toString());
            json.writeArrayFieldStart("products");
            for (Product product : catalog.products()) {
                json.writeStartObject();
                json.writeStringField("id", product.id());
                json.writeStringField("base_currency", product.baseCurrency());
                json.writeStringField("quote_currency", product.quoteCurrency());
                json.writeBooleanField("online", product.online());
                json.writeBooleanField("tradable", product.tradable());
                json.writeStringField("alias", product.alias());
                json.writeStringField("quote_volume_24h", product.quoteVolume24h().toPlainString());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static CachedCatalog readJson(byte[] content) throws WireFormatException {
        CacheFile document = JsonDocument.parse(content, CacheFile.class, "the cache document");
        String format = document.format() == null ? null : document.format().asText();
        if (!String.valueOf(FORMAT).equals(format)) {
            throw new CatalogFormatException("format " + format + " (expected " + FORMAT + ")");
        }
        if (document.products() == null) {
            throw new CatalogFormatException("no \"products\" array");
        }
        List<Product> products = new ArrayList<>();
        for (Map<String, String> fields : JsonDocument.scalars(document.products(), "products")) {
            String id = fields.getOrDefault("id", "");
            try {
                products.add(new Product(id, fields.get("base_currency"), fields.get("quote_currency"),
                        JsonDocument.flag(fields, "online"), JsonDocument.flag(fields, "tradable"),
                        fields.getOrDefault("alias", ""),
                        CatalogJson.amount(id, "quote_volume_24h", fields.getOrDefault("quote_volume_24h", ""))));
            } catch (IllegalArgumentException e) {
                throw new CatalogFormatException("products[" + products.size() + "]: " + e.getMessage(), e);
            }
        }
        try {
            return new CachedCatalog(ProductCatalog.of(products), Instant.parse(String.valueOf(document.writtenAt())));
        } catch (DateTimeParseException e) {
            throw new CatalogFormatException("written_at \"" + document.writtenAt()
                    + "\" (expected an ISO-8601 instant)", e);
        } catch (IllegalArgumentException e) {
            throw new CatalogFormatException(e.getMessage(), e);
        }
    }
}
