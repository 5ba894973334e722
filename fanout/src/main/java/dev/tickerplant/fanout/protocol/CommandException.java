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

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
