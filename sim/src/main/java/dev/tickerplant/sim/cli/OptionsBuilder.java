package dev.tickerplant.sim.cli;

import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Builds a tool's validated options value from its parsed fields, one change at a time. A change the value rejects
 * (an {@link IllegalArgumentException} whose message says what was expected) becomes a usage error naming the options
 * the change came from: {@code sim: Invalid value for option '--port': port: 99999 (expected: 0..65535, ...)}.
 *
 * @param <T> the immutable options value, changed by its {@code with...} methods
 */
public final class OptionsBuilder<T> {

    private final CommandSpec spec;
    private T value;

    /** Starts from {@code defaults}; {@code spec} is the command's, injected by picocli's {@code @Spec}. */
    public OptionsBuilder(CommandSpec spec, T defaults) {
        this.spec = spec;
        this.value = defaults;
    }

    /** Applies {@code change}, which takes what {@code options} (one, or several checked together) were given. */
    public OptionsBuilder<T> set(UnaryOperator<T> change, String... options) {
        try {
            value = change.apply(value);
            return this;
        } catch (IllegalArgumentException e) {
            String named = options.length == 1 ? "option '" + options[0] + "'"
                    : "options '" + String.join("', '", options) + "'";
            throw new ParameterException(spec.commandLine(), "Invalid value for " + named + ": " + e.getMessage(), e);
        }
    }

    public T build() {
        return value;
    }
}
