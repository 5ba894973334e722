package dev.tickerplant.socketio;

/** Client-supplied text made safe for a one-line message: control characters replaced, length capped. */
final class Printable {
    private static final int MAX = 60;

    private Printable() {
    }

    static String of(char c) {
        return Character.isISOControl(c) ? "?" : String.valueOf(c);
    }

    static String of(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 3);
        for (int i = 0; i < text.length() && i < MAX; i++) {
            out.append(of(text.charAt(i)));
        }
        return text.length() > MAX ? out.append("...").toString() : out.toString();
    }
}
