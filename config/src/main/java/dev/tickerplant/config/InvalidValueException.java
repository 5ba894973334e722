package dev.tickerplant.config;

/**
 * Thrown by a {@link ValueType} that cannot accept a text. It only knows what was expected; the caller adds the
 * setting's name, the value and its origin to make the {@link ConfigException} the user sees.
 */
final class InvalidValueException extends Exception {

    InvalidValueException(String expected) {
        // A control-flow signal turned into a ConfigException right away: a stack trace would be waste.
        super(expected, null, false, false);
    }

    String expected() {
        return getMessage();
    }
}
