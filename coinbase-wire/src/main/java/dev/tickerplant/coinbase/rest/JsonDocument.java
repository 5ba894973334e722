package dev.tickerplant.coinbase.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the documents read once, off the tick path (REST bodies, cache files), with jackson-databind: into records
 * whose components are the snake_case fields they need (unknown fields ignored, as Coinbase adds fields) or into trees.
 * Every shape error names what was found, where, and what was expected.
 */
public final class JsonDocument {

    /**
     * Record components in camelCase read snake_case fields. Decimals stay as written ({@code "5.0"} is not
     * {@code "5"}), not rounded through a double.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** For writers, which stay on the streaming generator. */
    public static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonDocument() {
    }

    /**
     * Reads {@code json} as {@code type} and insists that nothing follows the document.
     *
     * @param document what the whole document is called in errors, such as "the response"
     */
    public static <T> T parse(byte[] json, Class<T> type, String document) throws WireFormatException {
        return parse(json, MAPPER.constructType(type), document);
    }

    /** The same for a generic type, such as {@code Map<String, ObjectNode>}. */
    public static <T> T parse(byte[] json, TypeReference<T> type, String document) throws WireFormatException {
        return parse(json, MAPPER.constructType(type), document);
    }

    /**
     * Each object of {@code array} as its scalar fields (numbers and booleans as written). Nested objects and arrays
     * are left out; null counts as absent.
     *
     * @param name what the array is called in errors, such as "products"
     */
    public static List<Map<String, String>> scalars(ArrayNode array, String name) throws WireFormatException {
        List<Map<String, String>> objects = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            if (!item.isObject()) {
                throw new WireFormatException(name + "[" + objects.size() + "] is " + describe(item)
                        + " (expected an object)");
            }
            objects.add(scalars(item));
        }
        return objects;
    }

    /** The scalar fields of {@code object}, as {@link #scalars(ArrayNode, String)} reads each element. */
    public static Map<String, String> scalars(JsonNode object) {
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isNull()) {
                fields.put(field.getKey(), value.asText());
            }
        }
        return fields;
    }

    /** True when the scalar {@code name} reads {@code true}, as a JSON boolean or a string. */
    public static boolean flag(Map<String, String> fields, String name) {
        return "true".equalsIgnoreCase(fields.get(name));
    }

    private static <T> T parse(byte[] json, JavaType type, String document) throws WireFormatException {
        try (JsonParser parser = MAPPER.createParser(json)) {
            T value = read(parser, type, document);
            if (parser.nextToken() != null) {
                throw new WireFormatException("unexpected content after the document at "
                        + where(parser.currentLocation()));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new WireFormatException(e.getOriginalMessage() + " at " + where(e.getLocation()), e);
        } catch (IOException e) {
            throw new WireFormatException(String.valueOf(e), e);
        }
    }

    /** Reads while the parser is open, so that a shape error can say which token was found where. */
    private static <T> T read(JsonParser parser, JavaType type, String document)
            throws IOException, WireFormatException {
        try {
            return MAPPER.readValue(parser, type);
        } catch (MismatchedInputException e) {
            throw new WireFormatException(path(e, document) + " is " + describe(parser.currentToken()) + " at "
                    + whereFound(parser) + " (expected " + expected(e.getTargetType()) + ")", e);
        } catch (DatabindException e) {
            if (e.getCause() instanceof JsonProcessingException unreadable
                    && !(unreadable instanceof DatabindException)) {
                throw unreadable; // not JSON at all, whatever the field: reported as the parser words it
            }
            throw new WireFormatException(path(e, document) + ": " + e.getOriginalMessage() + " at "
                    + where(parser.currentLocation()), e);
        }
    }

    /** {@code "products"} for a top-level field, {@code "pagination.has_next"} or {@code "a[2]"} deeper down. */
    private static String path(DatabindException e, String document) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : ((JsonMappingException) e).getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? document : "\"" + path + "\"";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type) || ArrayNode.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }

    /**
     * Just past the first character of the value the parser stopped at (inside the quote or bracket), as these
     * messages have always said, however far databind has read into the value since.
     */
    private static String whereFound(JsonParser parser) {
        JsonLocation start = parser.currentTokenLocation();
        return start == null ? where(null) : "line " + start.getLineNr() + " column " + (start.getColumnNr() + 1);
    }

    private static String where(JsonLocation location) {
        return location == null ? "an unknown position"
                : "line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    private static String describe(JsonNode node) {
        return node.isArray() ? "an array" : node.isTextual() ? "a string" : node.isNumber() ? "a number"
                : node.isBoolean() ? "a boolean" : node.isNull() ? "null" : "an object";
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
