package dev.tickerplant.ingest.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** Small helpers over jackson-core streaming for the catalog documents, which are read once and are not hot. */
final class CatalogJson {

    static final JsonFactory FACTORY = new JsonFactory();

    /** Reads one document from a parser positioned before its first token. */
    interface DocumentReader<T> {
        T read(JsonParser parser) throws IOException, CatalogFormatException;
    }

    private CatalogJson() {
    }

    static <T> T parse(byte[] json, DocumentReader<T> reader) throws CatalogFormatException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            T document = reader.read(parser);
            if (parser.nextToken() != null) {
                throw new CatalogFormatException("unexpected content after the document at " + where(parser));
            }
            return document;
        } catch (JsonProcessingException e) {
            throw new CatalogFormatException(e.getOriginalMessage() + " at " + where(e.getLocation()), e);
        } catch (IOException e) {
            throw new CatalogFormatException(String.valueOf(e), e);
        }
    }

    /** Advances to the next token and insists that it is {@code expected}. */
    static void next(JsonParser parser, JsonToken expected, String what) throws IOException, CatalogFormatException {
        JsonToken actual = parser.nextToken();
        if (actual != expected) {
            throw new CatalogFormatException(what + " is " + describe(actual) + " at " + where(parser)
                    + " (expected " + describe(expected) + ")");
        }
    }

    /** Insists that the current token is {@code expected}. */
    static void expect(JsonParser parser, JsonToken expected, String what) throws CatalogFormatException {
        if (parser.currentToken() != expected) {
            throw new CatalogFormatException(what + " is " + describe(parser.currentToken()) + " at " + where(parser)
                    + " (expected " + describe(expected) + ")");
        }
    }

    /**
     * Reads the object whose START_OBJECT is the current token into field name → scalar text (numbers and booleans
     * as written). Nested objects and arrays are skipped; null counts as absent.
     */
    static Map<String, String> scalars(JsonParser parser) throws IOException {
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

    static boolean flag(Map<String, String> fields, String name) {
        return "true".equalsIgnoreCase(fields.get(name));
    }

    /** A non-negative decimal written as a string; Coinbase writes "" when it has no figure, which counts as zero. */
    static BigDecimal amount(String productId, String field, String text) throws CatalogFormatException {
        if (text.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal amount = new BigDecimal(text);
            if (amount.signum() >= 0) {
                return amount;
            }
        } catch (NumberFormatException e) {
            // reported below with the field name
        }
        throw new CatalogFormatException(
                "product " + productId + ": " + field + " \"" + text + "\" (expected a decimal >= 0 or \"\")");
    }

    static String where(JsonParser parser) {
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
