package dev.tickerplant.bench.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's JSON, with jackson-databind: other tools' output (JMH, {@code jfr print --json}, {@code /health},
 * nats-server's {@code /varz}) read as {@link JsonNode} trees; the figures the harness builds (plain maps, lists,
 * strings, numbers) written with doubles rounded to three decimals and NaN or infinity as null, so the results files
 * keep the shape and precision they always had; REPORT lines read back into such plain maps for the report code.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("report-doubles")
                    .addSerializer(Double.class, new RoundedDouble())
                    .addSerializer(double.class, new RoundedDouble()))
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private Json() {
    }

    /** The tree of {@code text}; a mistake says what the text began with. */
    public static JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + abbreviate(text), e);
        }
    }

    /** A JSON object as plain values: {@code Map} (key order kept), {@code List}, strings, numbers, booleans, null. */
    public static Map<String, Object> object(String text) {
        try {
            return MAPPER.readValue(text, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("expected a JSON object, got: " + abbreviate(text), e);
        }
    }

    /** Compact, one line. */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    /** Indented, for files people read. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    /** The plain values of a tree (see {@link #object}); null for a missing node. */
    public static Object plain(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        try {
            return MAPPER.treeToValue(node, Object.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot convert JSON", e);
        }
    }

    /** In plain values: the value at a path of keys (strings) and indices (integers), or null where it leads nowhere. */
    public static Object at(Object root, Object... path) {
        Object current = root;
        for (Object step : path) {
            if (step instanceof String key && current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (step instanceof Integer index && current instanceof List<?> list && index < list.size()) {
                current = list.get(index);
            } else {
                return null;
            }
        }
        return current;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    /** Three decimals are plenty for a report; NaN and infinity (a figure that could not be computed) are null. */
    private static final class RoundedDouble extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        RoundedDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator json, SerializerProvider provider) throws IOException {
            if (value.isNaN() || value.isInfinite()) {
                json.writeNull();
            } else {
                json.writeNumber(Math.round(value * 1000) / 1000.0);
            }
        }
    }
}
