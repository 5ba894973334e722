package dev.tickerplant.ingest.catalog;

/**
 * The daemon cannot start with what it was given or what it found. The message is one line that says what was wrong
 * and what would fix it; the daemon prints it and exits with status 2.
 */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(singleLine(message));
    }

    public StartupException(String message, Throwable cause) {
        super(singleLine(message), cause);
    }

    private static String singleLine(String message) {
        return message.replaceAll("\\R", " ");
    }
}
