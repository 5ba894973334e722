package dev.tickerplant.coinbase.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one client message into a {@link JsonNode} tree and checks the few field shapes the Coinbase requests use.
 * Client messages are rare next to ticks, so a tree is fine here. A field holding JSON {@code null} is a
 * {@code NullNode}, so "present but null" differs from "absent" ({@code null}).
 */
public final class RequestTree {
    private static final int MAX_DEPTH = 8;
    private static final int MAX_SHOWN_CHARS = 40;
    /** Bounded by the parser itself: deeper input fails before any tree is built. */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build()).build();

    private RequestTree() {
    }

    public static ObjectNode object(byte[] text, int offset, int length) throws RequestException {
        try (JsonParser parser = JSON.createParser(text, offset, length)) {
            if (parser.nextToken() == null) {
                throw new RequestException("empty message: expected a JSON object");
            }
            JsonNode root = JSON.readTree(parser);
            if (!root.isObject()) {
                throw new RequestException("expected a JSON object, got " + describe(root));
            }
            if (parser.nextToken() != null) {
                throw new RequestException("expected one JSON object, got more after it at column "
                        + parser.currentLocation().getColumnNr());
            }
            return (ObjectNode) root;
        } catch (StreamConstraintsException e) {
            throw new RequestException("expected JSON nested at most " + MAX_DEPTH + " levels deep");
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new RequestException("invalid JSON: " + detail + " at column "
                    + (e.getLocation() != null ? e.getLocation().getColumnNr() : -1));
        } catch (IOException e) {
            throw new RequestException("unreadable JSON: " + e.getMessage());
        }
    }

    /** The string at {@code name}, or null when absent; JSON null is not a string. */
    public static String string(JsonNode object, String name) throws RequestException {
        JsonNode value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RequestException("field " + name + ": expected a string, got " + describe(value));
        }
        return value.textValue();
    }

    /** The array of strings {@code value} (a field named {@code name}); null when absent or JSON null. */
    public static List<String> strings(JsonNode value, String name, String example) throws RequestException {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new RequestException("field " + name + ": expected an array of strings such as " + example
                    + ", got " + describe(value));
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new RequestException("field " + name + ": expected an array of strings such as " + example
                        + ", got an element " + describe(item));
            }
            out.add(item.textValue());
        }
        return out;
    }

    /**
     * A short rendering of a value (a string or a {@link JsonNode}) for error messages: strings quoted and cut, other
     * kinds named.
     */
    public static String describe(Object value) {
        if (value instanceof JsonNode node && node.isTextual()) {
            value = node.textValue();
        }
        if (value instanceof String s) {
            return "\"" + (s.length() > MAX_SHOWN_CHARS ? s.substring(0, MAX_SHOWN_CHARS) + "..." : s) + "\"";
        }
        if (value instanceof JsonNode node) {
            return node.isObject() ? "an object" : node.isArray() ? "an array" : node.asText();
        }
        return String.valueOf(value);
    }
}
