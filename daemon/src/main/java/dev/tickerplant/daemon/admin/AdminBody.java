package dev.tickerplant.daemon.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tickerplant.fanout.protocol.UntrustedText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON bodies of the admin API's changes, read strictly: one object with only the fields the route knows, each of
 * the type it expects. The first problem is refused with a 400 {@code bad_request} that names the field and what was
 * expected; what the client sent is echoed only through {@link UntrustedText}.
 */
final class AdminBody {
    static final String BAD_REQUEST = "bad_request";
    private static final int MAX_DEPTH = 8;
    /** How much of a parser's complaint (which may quote the input) a message carries. */
    private static final int MAX_PARSER_MESSAGE_CHARS = 160;
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String LIST_EXAMPLE = "{\"add\":[\"BTC-USD\"],\"remove\":[\"ETH-USD\"]}";
    private static final String LEVEL_EXAMPLE = "{\"logger\":\"dev.tickerplant.ingest\",\"level\":\"DEBUG\"}";

    /** {@code POST /admin/products} and {@code /admin/priority}: ids to add and to remove (one may be empty). */
    record ListChange(List<String> add, List<String> remove) {
        ListChange {
            add = List.copyOf(add);
            remove = List.copyOf(remove);
        }
    }

    /** {@code POST /admin/log-level}. */
    record LevelChange(String logger, String level) {
    }

    private AdminBody() {
    }

    static ListChange listChange(byte[] body) {
        JsonNode object = object(body, LIST_EXAMPLE, Set.of("add", "remove"), "add and remove");
        List<String> add = productIds(object, "add");
        List<String> remove = productIds(object, "remove");
        if (add.isEmpty() && remove.isEmpty()) {
            throw AdminException.badRequest(BAD_REQUEST, "nothing to change: expected product ids in add, remove or"
                    + " both, e.g. " + LIST_EXAMPLE);
        }
        return new ListChange(add, remove);
    }

    static LevelChange levelChange(byte[] body) {
        JsonNode object = object(body, LEVEL_EXAMPLE, Set.of("logger", "level"), "logger and level");
        return new LevelChange(text(object, "logger", "a logger name such as \"dev.tickerplant.ingest\", or \"ROOT\""),
                text(object, "level", "a level such as \"DEBUG\""));
    }

    private static JsonNode object(byte[] body, String example, Set<String> fields, String fieldNames) {
        if (body.length == 0) {
            throw AdminException.badRequest(BAD_REQUEST, "missing body: expected a JSON object such as " + example);
        }
        JsonNode object;
        try {
            object = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw AdminException.badRequest(BAD_REQUEST, "malformed JSON body: "
                    + UntrustedText.line(e.getOriginalMessage(), MAX_PARSER_MESSAGE_CHARS));
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e); // it cannot
        }
        if (object == null || !object.isObject()) {
            throw AdminException.badRequest(BAD_REQUEST, "body: expected a JSON object such as " + example + ", got "
                    + describe(object));
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new AdminException(400, BAD_REQUEST, "unknown field " + UntrustedText.quote(name)
                        + ": expected only " + fieldNames, Map.of("field", UntrustedText.shown(name)));
            }
        }
        return object;
    }

    /** An absent list is an empty one: a change may only add or only remove. */
    private static List<String> productIds(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(field, "an array of product ids such as [\"BTC-USD\"]", value);
        }
        List<String> ids = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw new AdminException(400, BAD_REQUEST, "field " + field + "[" + i
                        + "]: expected a product id such as \"BTC-USD\", got " + describe(item),
                        Map.of("field", field));
            }
            ids.add(item.textValue());
        }
        return ids;
    }

    private static String text(JsonNode object, String field, String expected) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw new AdminException(400, BAD_REQUEST, "missing field " + field + ": expected " + expected,
                    Map.of("field", field));
        }
        if (!value.isTextual()) {
            throw wrongType(field, expected, value);
        }
        return value.textValue();
    }

    private static AdminException wrongType(String field, String expected, JsonNode value) {
        return new AdminException(400, BAD_REQUEST, "field " + field + ": expected " + expected + ", got "
                + describe(value), Map.of("field", field));
    }

    /** What a value is, never what it says: "a number", "an empty string", "null". */
    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> value.textValue().isBlank() ? "a blank string" : "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
