package dev.tickerplant.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * JSON for assertions, on jackson-databind. Trees are {@link JsonNode}s, or plain values: objects are ordered maps,
 * arrays lists, integers {@code Long}, decimals {@code Double} ({@code BigDecimal} with {@link #parseExact}). Parsing
 * is strict: a duplicate key or trailing content fails, since both would hide a bug in what a server wrote.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();
    private static final JsonMapper EXACT = MAPPER.rebuild()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final TypeReference<Object> VALUE = new TypeReference<>() {
    };

    private Json() {
    }

    public static JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** The value as maps, lists, strings, longs, doubles, booleans and nulls. */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, VALUE);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /**
     * The value as {@link #parse} reads it, but decimals as {@code BigDecimal} with their written digits ({@code 1.50}
     * is not {@code 1.5}): for comparing two documents on the wire whatever their layout and key order.
     */
    public static Object parseExact(byte[] json) {
        try {
            return EXACT.readValue(json, VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    public static Object parseExact(String text) {
        return parseExact(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The objects of a top-level JSON array, each as its exact bytes: a capture of several consecutive frames in one
     * file, handed to a decoder one frame at a time as they arrived.
     */
    public static List<byte[]> frames(byte[] json) {
        List<byte[]> frames = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("not a JSON array of frames: "
                        + new String(json, StandardCharsets.UTF_8));
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("frames[" + frames.size() + "] is " + t
                            + " (expected: an object)");
                }
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                frames.add(Arrays.copyOfRange(json, start, (int) p.currentLocation().getByteOffset()));
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after the array of frames");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frames;
    }

    public static Map<String, Object> object(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object: " + text);
        }
        return map(value);
    }

    public static List<Object> array(String text) {
        Object value = parse(text);
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("not a JSON array: " + text);
        }
        return list(value);
    }

    /** The object at {@code path} (keys and list indices) under {@code root}, or {@code root} itself. */
    public static Map<String, Object> map(Object root, Object... path) {
        return at(root, path);
    }

    /** The array at {@code path} (keys and list indices) under {@code root}, or {@code root} itself. */
    public static List<Object> list(Object root, Object... path) {
        return at(root, path);
    }

    /** Follows keys and list indices, e.g. {@code at(frame, "events", 0, "tickers", 0, "price")}. */
    @SuppressWarnings("unchecked")
    public static <T> T at(Object root, Object... path) {
        Object current = root;
        for (Object step : path) {
            if (current == null) {
                throw new AssertionError("nothing at " + step + " of path " + List.of(path) + " in " + root);
            }
            current = step instanceof Integer index
                    ? ((List<Object>) current).get(index)
                    : ((Map<String, Object>) current).get((String) step);
        }
        return (T) current;
    }

    /** {@link #at} typed as a plain Object, for {@code assertEquals(2L, value(body, "count"))}. */
    public static Object value(Object root, Object... path) {
        return at(root, path);
    }

    /** Maps, lists, strings, numbers, booleans, nulls and trees written as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new object to fill, e.g. {@code Json.object().put("type", "subscribe")}; its toString is the JSON text. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code ["a","b"]}: a list of ids as JSON text. */
    public static String strings(List<String> items) {
        ArrayNode array = MAPPER.createArrayNode();
        items.forEach(array::add);
        return array.toString();
    }

    /** True for a text that is a JSON object whose {@code type} is {@code type}; for skipping message kinds. */
    public static boolean hasType(String text, String type) {
        JsonNode node = tree(text);
        return node.isObject() && type.equals(node.path("type").asText(null));
    }
}
