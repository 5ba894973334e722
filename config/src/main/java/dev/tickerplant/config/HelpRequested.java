package dev.tickerplant.config;

/**
 * Thrown by {@link SettingsLoader#load} when the command line asks for {@code --help} or {@code -h}: the caller
 * prints {@link #helpText()} and exits with status 0. It is not a {@link ConfigException}, so a handler for bad
 * settings cannot swallow it by accident.
 */
public final class HelpRequested extends RuntimeException {

    HelpRequested() {
        // A signal, not a failure: no stack trace needed.
        super("help requested", null, false, false);
    }

    public String helpText() {
        return SettingsLoader.helpText();
    }
}
