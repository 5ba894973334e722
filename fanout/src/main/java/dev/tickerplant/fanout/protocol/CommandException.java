package dev.tickerplant.fanout.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A command the server cannot carry out; becomes one {@code error} message, and the connection stays open. */
public final class CommandException extends Exception {
    private final ErrorCode code;
    private final Map<String, Object> details;

    /** @param details extra facts for the client (JSON-able values: strings, numbers, booleans, lists, maps) */
    public CommandException(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details)); // keeps the order given
    }

    /** Details in the order given: {@code details("limit", 3, "current", 2)}. */
    public static Map<String, Object> details(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keysAndValues: " + keysAndValues.length + " items (expected: pairs)");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
