package dev.tickerplant.coinbase.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Small helpers over jackson-core streaming for documents read once, off the tick path (REST bodies, cache files):
 * every shape error names what was found, where, and what was expected.
 */
public final class JsonDocument {

    public static final JsonFactory FACTORY = new JsonFactory();

    /** Reads one document from a parser positioned before its first token. */
    public interface Reader<T> {
        T read(JsonParser parser) throws IOException, WireFormatException;
    }

    private JsonDocument() {
    }

    /** Reads {@code json} with {@code reader} and insists that nothing follows the document. */
    public static <T> T parse(byte[] json, Reader<T> reader) throws WireFormatException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            T document = reader.read(parser);
            if (parser.nextToken() != null) {
                throw new WireFormatException("unexpected content after the document at " + where(parser));
            }
            return document;
        } catch (JsonProcessingException e) {
            throw new WireFormatException(e.getOriginalMessage() + " at " + where(e.getLocation()), e);
        } catch (IOException e) {
            throw new WireFormatException(String.valueOf(e), e);
        }
    }

    /** Advances to the next token and insists that it is {@code expected}. */
    public static void next(JsonParser parser, JsonToken expected, String what)
            throws IOException, WireFormatException {
        JsonToken actual = parser.nextToken();
        if (actual != expected) {
            throw new WireFormatException(what + " is " + describe(actual) + " at " + where(parser)
                    + " (expected " + describe(expected) + ")");
        }
    }

    /** Insists that the current token is {@code expected}. */
    public static void expect(JsonParser parser, JsonToken expected, String what) throws WireFormatException {
        if (parser.currentToken() != expected) {
            throw new WireFormatException(what + " is " + describe(parser.currentToken()) + " at " + where(parser)
                    + " (expected " + describe(expected) + ")");
        }
    }

    /**
     * Reads the object whose START_OBJECT is the current token into field name → scalar text (numbers and booleans
     * as written). Nested objects and arrays are skipped; null counts as absent.
     */
    public static Map<String, String> scalars(JsonParser parser) throws IOException {
        Map<String, String> fields = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value.isScalarValue()) {
                if (value != JsonToken.VALUE_NULL) {
                    fields.put(name, parser.getText());
                }
            } else {
                parser.skipChildren();
            }
        }
        return fields;
    }

    /** True when the scalar {@code name} reads {@code true}, as a JSON boolean or a string. */
    public static boolean flag(Map<String, String> fields, String name) {
        return "true".equalsIgnoreCase(fields.get(name));
    }

    private static String where(JsonParser parser) {
        return where(parser.currentLocation());
    }

    private static String where(JsonLocation location) {
        return location == null ? "an unknown position"
                : "line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}
