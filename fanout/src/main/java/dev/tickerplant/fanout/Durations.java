package dev.tickerplant.fanout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Durations for log lines and close reasons. */
final class Durations {
    private Durations() {
    }

    /** {@code 45s}, {@code 12m03s}, {@code 2h05m09s}: how long a client stayed. */
    static String compact(long nanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(Math.max(0, nanos));
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** {@code 30 s}, {@code 1.5 s}, {@code 250 ms}. */
    static String spoken(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
    }
}
