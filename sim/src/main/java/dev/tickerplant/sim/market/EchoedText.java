package dev.tickerplant.sim.market;

/**
 * A value from a request (an HTTP query, say) made safe to quote in an error message: one short line of printable
 * ASCII, whatever was sent. The simulator cannot reach the server's own helper for this, which lives downstream.
 */
public final class EchoedText {

    static final int MAX_SHOWN_CHARS = 40;

    private EchoedText() {
    }

    /** {@code 'NEW-USD'}; other characters than printable ASCII as {@code \}{@code uXXXX}, cut with {@code ...}. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < text.length(); i++) {
            if (out.length() > MAX_SHOWN_CHARS) {
                return out.append("...'").toString();
            }
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('\'').toString();
    }
}
