package dev.tickerplant.coinbase.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes the small JSON requests a client sends, with the argument checks both request kinds share. */
final class RequestWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** One request body; the generator escapes every string. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private RequestWriter() {
    }

    static String write(Body body) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            // A StringWriter does not fail.
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static void writeStringArray(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static String requireName(String argument, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(argument + ": " + quote(value) + " (expected: a non-blank name)");
        }
        return value;
    }

    /** A copy of {@code values}, each one non-blank. */
    static List<String> requireNames(String argument, List<String> values) {
        if (values == null) {
            throw new IllegalArgumentException(argument + ": null (expected: a list, possibly empty)");
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(
                        argument + "[" + i + "]: " + quote(v) + " (expected: a non-blank name)");
            }
        }
        return List.copyOf(values);
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
