package dev.tickerplant.config;

/**
 * A setting that cannot be used. The message is always one line naming the setting, where its value came from, the
 * value and what was expected, so the daemon can print it as it is and exit with status 2.
 */
public final class ConfigException extends RuntimeException {

    private static final int MAX_SHOWN_VALUE_LENGTH = 120;

    public ConfigException(String message) {
        super(oneLine(message));
    }

    /** {@code Invalid setting top-n = "abc" (from env TOP_USD_PAIRS): expected an integer from 0 to 1000}. */
    static ConfigException invalid(String key, String shownValue, Origin origin, String expected) {
        return new ConfigException("Invalid setting " + key + " = " + quote(shownValue) + from(origin)
                + ": expected " + expected);
    }

    /** {@code " (from env X)"}, or nothing when the value was handed to a constructor directly. */
    static String from(Origin origin) {
        return origin == null ? "" : " (" + origin.description() + ")";
    }

    /** Quotes a user-supplied text so that nothing in it can break the message onto a second line. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        int shown = Math.min(value.length(), MAX_SHOWN_VALUE_LENGTH);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        if (shown < value.length()) {
            quoted.append("...");
        }
        return quoted.append('"').toString();
    }

    private static String oneLine(String message) {
        // Paths and exception texts from the JDK could carry a line break; the daemon prints exactly one line.
        return message.replaceAll("\\R", " ");
    }
}
