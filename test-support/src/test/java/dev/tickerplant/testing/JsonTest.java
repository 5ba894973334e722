package dev.tickerplant.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsing rules the tests rely on: what a server wrote wrongly must not parse into something plausible. */
class JsonTest {

    @Test
    void integersAreLongsDecimalsDoublesAndKeysKeepTheirOrder() {
        Map<String, Object> value = Json.object("{\"b\":1,\"a\":2.5,\"c\":[true,null,\"x\"]}");

        assertEquals(List.of("b", "a", "c"), List.copyOf(value.keySet()));
        assertInstanceOf(Long.class, value.get("b"));
        assertEquals(2.5, value.get("a"));
        assertEquals(Json.list(value, "c").get(2), Json.at(value, "c", 2));
    }

    @Test
    void duplicateKeysAndTrailingContentAreRefused() {
        assertThrows(UncheckedIOException.class, () -> Json.object("{\"type\":\"a\",\"type\":\"b\"}"));
        assertThrows(UncheckedIOException.class, () -> Json.parse("{\"type\":\"a\"}{\"type\":\"b\"}"));
        assertThrows(IllegalArgumentException.class, () -> Json.object("[1]"));
    }

    @Test
    void buildersWriteCompactJson() {
        assertEquals("[\"BTC-USD\",\"ETH-USD\"]", Json.strings(List.of("BTC-USD", "ETH-USD")));
        assertEquals("{\"type\":\"ping\",\"n\":3}", Json.object().put("type", "ping").put("n", 3).toString());
        assertEquals("{\"a\":[1,2]}", Json.write(Map.of("a", List.of(1, 2))));
    }
}
