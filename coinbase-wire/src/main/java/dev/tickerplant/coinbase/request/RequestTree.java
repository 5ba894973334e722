package dev.tickerplant.coinbase.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one client message into a small tree (objects are maps, arrays lists, JSON null is {@link #NULL}) and checks
 * the few field shapes the Coinbase requests use. Client messages are rare next to ticks, so a tree is fine here.
 */
public final class RequestTree {
    /** Stands for JSON {@code null}, so that "present but null" differs from "absent". */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_DEPTH = 8;
    private static final int MAX_SHOWN_CHARS = 40;

    private RequestTree() {
    }

    public static Map<String, Object> object(byte[] text, int offset, int length) throws RequestException {
        try (JsonParser parser = JSON.createParser(text, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new RequestException("empty message: expected a JSON object");
            }
            Object root = value(parser, first, 0);
            if (!(root instanceof Map)) {
                throw new RequestException("expected a JSON object, got " + describe(root));
            }
            if (parser.nextToken() != null) {
                throw new RequestException("expected one JSON object, got more after it at column "
                        + parser.currentLocation().getColumnNr());
            }
            @SuppressWarnings("unchecked") // value() builds objects as Map<String, Object>
            Map<String, Object> object = (Map<String, Object>) root;
            return object;
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new RequestException("invalid JSON: " + detail + " at column "
                    + (e.getLocation() != null ? e.getLocation().getColumnNr() : -1));
        } catch (IOException e) {
            throw new RequestException("unreadable JSON: " + e.getMessage());
        }
    }

    /** The string at {@code name}, or null when absent. */
    public static String string(Map<String, Object> object, String name) throws RequestException {
        Object value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new RequestException("field " + name + ": expected a string, got " + describe(value));
        }
        return s;
    }

    /** The array of strings at {@code name}; null when absent or JSON null. */
    public static List<String> strings(Map<String, Object> object, String name, String example) throws RequestException {
        return strings(object.get(name), name, example);
    }

    public static List<String> strings(Object value, String name, String example) throws RequestException {
        if (value == null || value == NULL) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new RequestException("field " + name + ": expected an array of strings such as " + example
                    + ", got " + describe(value));
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new RequestException("field " + name + ": expected an array of strings such as " + example
                        + ", got an element " + describe(item));
            }
            out.add(s);
        }
        return out;
    }

    /** A short rendering of a value for error messages: strings quoted and cut, other kinds named. */
    public static String describe(Object value) {
        if (value instanceof String s) {
            return "\"" + (s.length() > MAX_SHOWN_CHARS ? s.substring(0, MAX_SHOWN_CHARS) + "..." : s) + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value == null || value == NULL) {
            return "null";
        }
        return String.valueOf(value);
    }

    private static Object value(JsonParser parser, JsonToken token, int depth) throws IOException,
            RequestException {
        if (depth > MAX_DEPTH) {
            throw new RequestException("expected JSON nested at most " + MAX_DEPTH + " levels deep");
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    map.put(name, value(parser, parser.nextToken(), depth + 1));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    list.add(value(parser, t, depth + 1));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            default:
                throw new RequestException("unexpected " + token);
        }
    }
}
