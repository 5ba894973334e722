package dev.tickerplant.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
    void exactReadingKeepsTheWrittenDigitsOfDecimals() {
        assertEquals(Map.of("price", new BigDecimal("5.10"), "size", 3L),
                Json.parseExact("{\"price\":5.10,\"size\":3}"));
        assertNotEquals(Json.parseExact("[5.10]"), Json.parseExact("[5.1]"));
        assertEquals(Json.parseExact("{\"a\":1,\"b\":[2.0]}"), Json.parseExact(utf8("{ \"b\": [2.0],\n \"a\": 1 }")));
        assertThrows(UncheckedIOException.class, () -> Json.parseExact("{\"a\":1,\"a\":2}"));
    }

    @Test
    void framesAreEachElementsBytesAsWritten() {
        List<byte[]> frames = Json.frames(utf8("[\n  {\"type\": \"a\", \"n\": [1, {}]},\n  {\"type\":\"b\"}\n]\n"));

        assertEquals(List.of("{\"type\": \"a\", \"n\": [1, {}]}", "{\"type\":\"b\"}"),
                frames.stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList());
        assertEquals(List.of(), Json.frames(utf8("[]")));
        assertEquals("not a JSON array of frames: {\"type\":\"a\"}",
                assertThrows(IllegalArgumentException.class, () -> Json.frames(utf8("{\"type\":\"a\"}"))).getMessage());
        assertEquals("frames[1] is VALUE_NUMBER_INT (expected: an object)",
                assertThrows(IllegalArgumentException.class, () -> Json.frames(utf8("[{},7]"))).getMessage());
    }

    @Test
    void buildersWriteCompactJson() {
        assertEquals("[\"BTC-USD\",\"ETH-USD\"]", Json.strings(List.of("BTC-USD", "ETH-USD")));
        assertEquals("{\"type\":\"ping\",\"n\":3}", Json.object().put("type", "ping").put("n", 3).toString());
        assertEquals("{\"a\":[1,2]}", Json.write(Map.of("a", List.of(1, 2))));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
