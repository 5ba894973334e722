package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFileTest {

    private static final Path FILE = Path.of("tickerplant.properties");

    @Test
    void readsKeysValuesAndTheLineEachStartsOn() {
        Map<String, RawValue> values = ConfigFile.parse(FILE, List.of(
                "# comment",
                "top-n=5",
                "  ring-size : 2048  ",
                "simulate",
                "products = BTC,\\",
                "   ETH",
                "quote-currency\tEUR"));

        assertEquals(new RawValue("5", Origin.configFile(FILE, 2)), values.get("top-n"));
        assertEquals(new RawValue("2048", Origin.configFile(FILE, 3)), values.get("ring-size"));
        assertEquals(new RawValue("", Origin.configFile(FILE, 4)), values.get("simulate"));
        assertEquals(new RawValue("BTC,ETH", Origin.configFile(FILE, 5)), values.get("products"));
        assertEquals(new RawValue("EUR", Origin.configFile(FILE, 7)), values.get("quote-currency"));
        assertEquals(5, values.size());
    }

    @Test
    void evenTrailingBackslashesAreLiteralAndEndTheValue() {
        Map<String, RawValue> values = ConfigFile.parse(FILE, List.of(
                "catalog-cache-file = cache\\\\",
                "top-n = 3"));

        assertEquals("cache\\\\", values.get("catalog-cache-file").text());
        assertEquals("3", values.get("top-n").text());
    }

    @Test
    void continuationOnTheLastLineIsDropped() {
        assertEquals("BTC,", ConfigFile.parse(FILE, List.of("products = BTC,\\")).get("products").text());
    }
}
