package dev.tickerplant.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT5S}. */
final class DurationFormat {

    static final String EXAMPLES = "such as 250ms, 5s, 2m, 1h or PT5S";

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h)");
    private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern ISO = Pattern.compile("[+-]?P.*", Pattern.CASE_INSENSITIVE);
    private static final long MILLIS_PER_HOUR = 3_600_000L;
    private static final long MILLIS_PER_MINUTE = 60_000L;
    private static final long MILLIS_PER_SECOND = 1_000L;

    private DurationFormat() {
    }

    /**
     * The duration written in {@code text}, or empty if it is not a duration at all. A bare {@code 0} is zero: it
     * needs no unit, and settings that take zero mean "off" by it.
     */
    static Optional<Duration> parse(String text) {
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher withUnit = WITH_UNIT.matcher(text);
        try {
            if (withUnit.matches()) {
                return Optional.of(Duration.of(Long.parseLong(withUnit.group(1)), unit(withUnit.group(2))));
            }
            if (ISO.matcher(text).matches()) {
                return Optional.of(Duration.parse(text));
            }
        } catch (ArithmeticException | DateTimeParseException tooLargeOrMalformed) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A number without a unit: the one mistake worth its own message, because the fix is obvious. */
    static boolean isBareNumber(String text) {
        return BARE_NUMBER.matcher(text).matches();
    }

    /** The shortest exact form in the largest whole unit: {@code 30s}, {@code 250ms}; ISO-8601 otherwise. */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative() || duration.getNano() % 1_000_000 != 0
                || duration.getSeconds() > Long.MAX_VALUE / MILLIS_PER_SECOND) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        if (millis % MILLIS_PER_HOUR == 0) {
            return millis / MILLIS_PER_HOUR + "h";
        }
        if (millis % MILLIS_PER_MINUTE == 0) {
            return millis / MILLIS_PER_MINUTE + "m";
        }
        if (millis % MILLIS_PER_SECOND == 0) {
            return millis / MILLIS_PER_SECOND + "s";
        }
        return millis + "ms";
    }

    private static ChronoUnit unit(String suffix) {
        return switch (suffix) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> throw new IllegalArgumentException("unit " + suffix + " (expected ms, s, m or h)");
        };
    }
}
