package dev.tickerplant.fanout.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Client commands from JSON text. Commands are rare next to ticks, so this reads the object into a {@link JsonNode}
 * tree and then checks each field, naming the first one that is missing or wrong. A field holding JSON {@code null}
 * is a {@code NullNode}, so "present but null" differs from "absent". Stateless and thread-safe.
 */
public final class CommandParser {
    public static final List<String> TYPES = List.of("subscribe", "unsubscribe", "ping", "get_status", "get_products");
    private static final int MAX_DEPTH = 16;
    /** Bounded by the parser itself: deeper input fails before any tree is built. */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build()).build();
    /** How much of a parser's complaint (which may quote the input) an error message carries. */
    private static final int MAX_PARSER_MESSAGE_CHARS = 160;
    private static final double MAX_MIN_CHANGE_PCT = 100.0;
    private static final String PRODUCTS_EXPECTED =
            "a non-empty array of product ids such as [\"BTC-USD\"], or [\"*\"]";

    private CommandParser() {
    }

    public static Command parse(byte[] json, int offset, int length) throws CommandException {
        JsonNode object = readObject(json, offset, length);
        JsonNode type = object.get("type");
        if (type == null) {
            throw badRequest("type", "missing field type: expected one of " + String.join(", ", TYPES));
        }
        if (!type.isTextual()) {
            throw badRequest("type", "field type: expected a string, got " + describe(type));
        }
        switch (type.textValue()) {
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
                        + ": expected one of " + String.join(", ", TYPES),
                        CommandException.details("type", UntrustedText.shown(type.textValue()), "expected", TYPES));
        }
    }

    // ---- fields -----------------------------------------------------------------------------------------------------

    private static List<String> products(JsonNode object) throws CommandException {
        JsonNode value = object.get("products");
        if (value == null) {
            throw badRequest("products", "missing field products: expected " + PRODUCTS_EXPECTED);
        }
        if (!value.isArray() || value.isEmpty()) {
            throw badRequest("products", "field products: expected " + PRODUCTS_EXPECTED + ", got " + describe(value));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.textValue().isEmpty()) {
                throw badRequest("products", "field products: expected product ids as non-empty strings, got "
                        + describe(item));
            }
            ids.add(item.textValue());
        }
        return List.copyOf(ids);
    }

    private static Set<Channel> channels(JsonNode object) throws CommandException {
        JsonNode value = object.get("channels");
        if (value == null) {
            return Set.of(Channel.TICKER);
        }
        if (!value.isArray() || value.isEmpty()) {
            throw badRequest("channels", "field channels: expected a non-empty array of " + channelChoices()
                    + ", got " + describe(value));
        }
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (JsonNode item : value) {
            Channel channel = item.isTextual() ? Channel.byWireName(item.textValue()) : null;
            if (channel == null) {
                throw new CommandException(ErrorCode.BAD_REQUEST, "field channels: unknown channel " + describe(item)
                        + ", expected " + channelChoices(), CommandException.details("field", "channels",
                                "value", item.isTextual() ? UntrustedText.shown(item.textValue()) : describe(item), "expected",
                                Channel.NAMES));
            }
            channels.add(channel);
        }
        return channels;
    }

    private static OptionalDouble minChangePct(JsonNode object) throws CommandException {
        JsonNode value = object.get("min_change_pct");
        if (value == null || value.isNull()) {
            return OptionalDouble.empty();
        }
        double pct = value.isNumber() ? value.doubleValue() : Double.NaN;
        if (!(pct >= 0 && pct <= MAX_MIN_CHANGE_PCT)) {
            throw badRequest("min_change_pct", "field min_change_pct: expected a number from 0 to 100, got "
                    + describe(value));
        }
        return OptionalDouble.of(pct);
    }

    private static OptionalLong sinceSeq(JsonNode object) throws CommandException {
        JsonNode value = object.get("since_seq");
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw badRequest("since_seq", "field since_seq: expected an integer >= 0 (a seq from an earlier "
                    + "ticker), got " + describe(value));
        }
        return OptionalLong.of(value.longValue());
    }

    private static boolean bool(JsonNode object, String field, boolean absent) throws CommandException {
        JsonNode value = object.get(field);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw badRequest(field, "field " + field + ": expected true or false, got " + describe(value));
        }
        return value.booleanValue();
    }

    private static String channelChoices() {
        return String.join(", ", Channel.NAMES.subList(0, Channel.NAMES.size() - 1)) + " or "
                + Channel.NAMES.get(Channel.NAMES.size() - 1);
    }

    private static CommandException badRequest(String field, String message) {
        return new CommandException(ErrorCode.BAD_REQUEST, message, Map.of("field", field));
    }

    /** A short, one-line rendering of a JSON value for error messages (a number can be 1 000 digits long). */
    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return UntrustedText.quote(value.textValue());
        }
        return value.isArray() ? "an array" : value.isObject() ? "an object" : UntrustedText.shown(value.asText());
    }

    // ---- tree -------------------------------------------------------------------------------------------------------

    private static JsonNode readObject(byte[] json, int offset, int length) throws CommandException {
        try (JsonParser parser = JSON.createParser(json, offset, length)) {
            if (parser.nextToken() == null) {
                throw badJson("expected a JSON object, got an empty message");
            }
            JsonNode root = JSON.readTree(parser);
            if (!root.isObject()) {
                throw badJson("expected a JSON object, got " + describe(root));
            }
            if (parser.nextToken() != null) {
                throw badJson("expected one JSON object, got more after it at column "
                        + parser.currentLocation().getColumnNr());
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw badJson("expected JSON nested at most " + MAX_DEPTH + " levels deep");
        } catch (JsonProcessingException e) {
            throw badJson("invalid JSON: " + parserSays(e.getOriginalMessage()) + " at column "
                    + (e.getLocation() != null ? e.getLocation().getColumnNr() : -1));
        } catch (IOException e) {
            throw badJson("unreadable JSON: " + parserSays(e.getMessage()));
        }
    }

    private static CommandException badJson(String message) {
        return new CommandException(ErrorCode.BAD_JSON, message, Map.of());
    }

    /** The first line of Jackson's complaint, which quotes the offending token as it was sent. */
    private static String parserSays(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return UntrustedText.line(nl < 0 ? s : s.substring(0, nl), MAX_PARSER_MESSAGE_CHARS);
    }
}
