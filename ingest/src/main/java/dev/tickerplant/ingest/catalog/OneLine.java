package dev.tickerplant.ingest.catalog;

/** Squeezes text from exceptions and response bodies into one short line for log and error messages. */
final class OneLine {

    private static final int MAX_LENGTH = 200;

    private OneLine() {
    }

    static String of(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH) + "...";
    }
}
