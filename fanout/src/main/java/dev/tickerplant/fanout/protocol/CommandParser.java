package dev.tickerplant.fanout.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Client commands from JSON text. Commands are rare next to ticks, so this reads the object into a small tree and
 * then checks each field, naming the first one that is missing or wrong. Stateless and thread-safe.
 */
public final class CommandParser {
    public static final List<String> TYPES = List.of("subscribe", "unsubscribe", "ping", "get_status", "get_products");
    private static final JsonFactory JSON = new JsonFactory();
    private static final Object NULL = new Object();
    private static final int MAX_DEPTH = 16;
    private static final int MAX_SHOWN_CHARS = 40;
    private static final double MAX_MIN_CHANGE_PCT = 100.0;
    private static final String PRODUCTS_EXPECTED =
            "a non-empty array of product ids such as [\"BTC-USD\"], or [\"*\"]";

    private CommandParser() {
    }

    public static Command parse(byte[] json, int offset, int length) throws CommandException {
        Map<String, Object> object = readObject(json, offset, length);
        Object type = object.get("type");
        if (type == null) {
            throw badRequest("type", "missing field type: expected one of " + String.join(", ", TYPES));
        }
        if (!(type instanceof String)) {
            throw badRequest("type", "field type: expected a string, got " + describe(type));
        }
        switch ((String) type) {
            case "subscribe":
                return new Command.Subscribe(products(object), channels(object),
                        minChangePct(object), bool(object, "snapshot", true), sinceSeq(object));
            case "unsubscribe":
                return new Command.Unsubscribe(products(object), channels(object));
            case "ping":
                return new Command.Ping(bool(object, "stats", false));
            case "get_status":
                return new Command.GetStatus();
            case "get_products":
                return new Command.GetProducts();
            default:
                throw new CommandException(ErrorCode.UNKNOWN_TYPE, "unknown type " + describe(type)
                        + ": expected one of " + String.join(", ", TYPES), CommandException.details("type", type, "expected", TYPES));
        }
    }

    // ---- fields -----------------------------------------------------------------------------------------------------

    private static List<String> products(Map<String, Object> object) throws CommandException {
        Object value = object.get("products");
        if (value == null) {
            throw badRequest("products", "missing field products: expected " + PRODUCTS_EXPECTED);
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw badRequest("products", "field products: expected " + PRODUCTS_EXPECTED + ", got " + describe(value));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof String id) || id.isEmpty()) {
                throw badRequest("products", "field products: expected product ids as non-empty strings, got "
                        + describe(item));
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    private static Set<Channel> channels(Map<String, Object> object) throws CommandException {
        Object value = object.get("channels");
        if (value == null) {
            return Set.of(Channel.TICKER);
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw badRequest("channels", "field channels: expected a non-empty array of " + channelChoices()
                    + ", got " + describe(value));
        }
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (Object item : list) {
            Channel channel = item instanceof String name ? Channel.byWireName(name) : null;
            if (channel == null) {
                throw new CommandException(ErrorCode.BAD_REQUEST, "field channels: unknown channel " + describe(item)
                        + ", expected " + channelChoices(), CommandException.details("field", "channels",
                                "value", item instanceof String ? item : describe(item), "expected", Channel.NAMES));
            }
            channels.add(channel);
        }
        return channels;
    }

    private static OptionalDouble minChangePct(Map<String, Object> object) throws CommandException {
        Object value = object.get("min_change_pct");
        if (value == null || value == NULL) {
            return OptionalDouble.empty();
        }
        double pct = value instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!(pct >= 0 && pct <= MAX_MIN_CHANGE_PCT)) {
            throw badRequest("min_change_pct", "field min_change_pct: expected a number from 0 to 100, got "
                    + describe(value));
        }
        return OptionalDouble.of(pct);
    }

    private static OptionalLong sinceSeq(Map<String, Object> object) throws CommandException {
        Object value = object.get("since_seq");
        if (value == null || value == NULL) {
            return OptionalLong.empty();
        }
        if (!(value instanceof Long seq) || seq < 0) {
            throw badRequest("since_seq", "field since_seq: expected an integer >= 0 (a seq from an earlier "
                    + "ticker), got " + describe(value));
        }
        return OptionalLong.of(seq);
    }

    private static boolean bool(Map<String, Object> object, String field, boolean absent) throws CommandException {
        Object value = object.get(field);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Boolean b)) {
            throw badRequest(field, "field " + field + ": expected true or false, got " + describe(value));
        }
        return b;
    }

    private static String channelChoices() {
        return String.join(", ", Channel.NAMES.subList(0, Channel.NAMES.size() - 1)) + " or "
                + Channel.NAMES.get(Channel.NAMES.size() - 1);
    }

    private static CommandException badRequest(String field, String message) {
        return new CommandException(ErrorCode.BAD_REQUEST, message, Map.of("field", field));
    }

    /** A short, one-line rendering of a JSON value for error messages. */
    static String describe(Object value) {
        if (value == NULL) {
            return "null";
        }
        if (value instanceof String s) {
            String shown = s.length() > MAX_SHOWN_CHARS ? s.substring(0, MAX_SHOWN_CHARS) + "..." : s;
            StringBuilder quoted = new StringBuilder("\"");
            for (char c : shown.toCharArray()) {
                quoted.append(c < 0x20 || c == '"' || c == '\\' ? '?' : c);
            }
            return quoted.append('"').toString();
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof Map) {
            return "an object";
        }
        return String.valueOf(value);
    }

    // ---- tree -------------------------------------------------------------------------------------------------------

    private static Map<String, Object> readObject(byte[] json, int offset, int length) throws CommandException {
        try (JsonParser parser = JSON.createParser(json, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw badJson("expected a JSON object, got an empty message");
            }
            Object root = readValue(parser, first, 0);
            if (!(root instanceof Map)) {
                throw badJson("expected a JSON object, got " + describe(root));
            }
            if (parser.nextToken() != null) {
                throw badJson("expected one JSON object, got more after it at column "
                        + parser.currentLocation().getColumnNr());
            }
            @SuppressWarnings("unchecked") // readValue builds objects as Map<String, Object>
            Map<String, Object> object = (Map<String, Object>) root;
            return object;
        } catch (JsonProcessingException e) {
            throw badJson("invalid JSON: " + firstLine(e.getOriginalMessage()) + " at column "
                    + (e.getLocation() != null ? e.getLocation().getColumnNr() : -1));
        } catch (IOException e) {
            throw badJson("unreadable JSON: " + firstLine(e.getMessage()));
        }
    }

    private static Object readValue(JsonParser parser, JsonToken token, int depth) throws IOException,
            CommandException {
        if (depth > MAX_DEPTH) {
            throw badJson("expected JSON nested at most " + MAX_DEPTH + " levels deep");
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    map.put(name, readValue(parser, parser.nextToken(), depth + 1));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    list.add(readValue(parser, t, depth + 1));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            default:
                throw badJson("unexpected " + token);
        }
    }

    private static CommandException badJson(String message) {
        return new CommandException(ErrorCode.BAD_JSON, message, Map.of());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
