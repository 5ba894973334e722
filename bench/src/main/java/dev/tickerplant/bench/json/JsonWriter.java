package dev.tickerplant.bench.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/** Writes the plain values {@link JsonTree} reads (maps, collections, strings, numbers, booleans, null) as JSON. */
public final class JsonWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonWriter() {
    }

    /** Compact, one line. */
    public static String compact(Object value) {
        return write(value, false);
    }

    /** Indented, for files people read. */
    public static String pretty(Object value) {
        return write(value, true) + System.lineSeparator();
    }

    private static String write(Object value, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            if (pretty) {
                json.useDefaultPrettyPrinter();
            }
            writeValue(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                json.writeNull();
            } else {
                json.writeNumber(Math.round(d * 1000) / 1000.0); // three decimals are plenty for a report
            }
        } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else {
            json.writeString(value.toString());
        }
    }
}
