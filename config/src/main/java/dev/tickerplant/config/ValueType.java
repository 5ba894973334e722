package dev.tickerplant.config;

/**
 * How one kind of setting is read from text, checked and written back. Parsing and checking live together so that the
 * range a user is told about in an error, in {@code --help} and by a record's constructor is the same range.
 */
interface ValueType<T> {

    /** Turns the user's text into a valid value; the exception says what was expected. */
    T parse(String text) throws InvalidValueException;

    /** What a valid value looks like, worded to follow "expected": {@code an integer from 1 to 100}. */
    String expectation();

    /** Whether a value built in code, not parsed, satisfies the same constraints as a parsed one. */
    boolean accepts(T value);

    /** The text {@link #parse} turns back into {@code value}; empty for "nothing". */
    default String format(T value) {
        return String.valueOf(value);
    }

    /** {@code text} as an error message may quote it: a type whose text can carry a password hides that part. */
    default String redacted(String text) {
        return text;
    }

    /** Stands for the value after the flag in {@code --help}: {@code N}, {@code DURATION}, {@code LIST}. */
    String placeholder();

    /** True for booleans, which may be given as a bare flag ({@code --simulate}) meaning true. */
    default boolean bareFlagAllowed() {
        return false;
    }
}
