package dev.tickerplant.fanout.protocol;

/**
 * Text a client sent, made safe to put in a message or a log line: escaped and cut, so that whatever was sent, what
 * comes back is one short line of printable ASCII and cannot forge a second log line, hide characters or grow with
 * the request.
 *
 * <p>Escapes are JSON's: {@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t}, and {@code \}{@code uXXXX} for
 * any other control character and everything outside printable ASCII (an astral character is its two surrogates).
 * An escape is never split: text is cut before one that would not fit, and {@code ...} marks the cut.
 */
public final class UntrustedText {
    /** How much of an echoed value is shown, counted in characters after escaping. */
    public static final int MAX_SHOWN_CHARS = 64;
    static final String CUT = "...";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private UntrustedText() {
    }

    /** {@code BTC-USD<LF>} becomes {@code "BTC-USD\n"}, in double quotes, cut after {@link #MAX_SHOWN_CHARS}. */
    public static String quote(String text) {
        return text == null ? "null" : '"' + shown(text) + '"';
    }

    /** The value escaped and cut after {@link #MAX_SHOWN_CHARS}, without quotes (for {@code details} and logs). */
    public static String shown(String text) {
        return shown(text, MAX_SHOWN_CHARS);
    }

    /** The value escaped and cut after {@code maxChars} characters of output (the cut mark not counted). */
    public static String shown(String text, int maxChars) {
        return escape(text, maxChars, true);
    }

    /**
     * A whole message that may carry untrusted text (a parser's complaint that quotes the input, say) as one printable
     * line of at most {@code maxChars} characters plus the cut mark. Unlike {@link #shown}, quotes and backslashes are
     * left as they are, so a message whose values were already {@link #quote quoted} reads the same.
     */
    public static String line(String text, int maxChars) {
        return escape(text, maxChars, false);
    }

    private static String escape(String text, int maxChars, boolean value) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + CUT.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int start = out.length();
            append(out, c, value);
            if (out.length() > maxChars) {
                out.setLength(start);
                return out.append(CUT).toString();
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, char c, boolean value) {
        if (value && (c == '"' || c == '\\')) {
            out.append('\\').append(c);
        } else if (c >= 0x20 && c < 0x7f) {
            out.append(c);
        } else if (c == '\n') {
            out.append("\\n");
        } else if (c == '\r') {
            out.append("\\r");
        } else if (c == '\t') {
            out.append("\\t");
        } else {
            out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                    .append(HEX[c & 0xf]);
        }
    }
}
