package dev.tickerplant.coinbase;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The three time renderings the Coinbase feeds use. */
public final class WireTime {

    private WireTime() {
    }

    /** RFC 3339 with nine fractional digits, as in Advanced Trade envelopes: {@code 2026-09-05T22:10:29.562008293Z}. */
    public static String nanos(Instant instant) {
        StringBuilder out = dateTime(instant, 'T');
        appendPadded(out.append('.'), instant.getNano(), 9);
        return out.append('Z').toString();
    }

    /** RFC 3339 with six fractional digits, as in Exchange {@code time} fields: {@code 2026-10-03T20:58:31.127510Z}. */
    public static String micros(Instant instant) {
        StringBuilder out = dateTime(instant, 'T');
        appendPadded(out.append('.'), instant.getNano() / 1000, 6);
        return out.append('Z').toString();
    }

    /**
     * Go's {@code time.Time.String()} with a monotonic reading, as in {@code heartbeats.current_time}:
     * {@code 2026-09-05 22:10:30.25788961 +0000 UTC m=+139651.272674714}. Go drops trailing zeros of the fraction.
     */
    public static String go(Instant wall, long uptimeNanos) {
        StringBuilder out = dateTime(wall, ' ');
        int nanos = wall.getNano();
        if (nanos != 0) {
            StringBuilder fraction = new StringBuilder(9);
            appendPadded(fraction, nanos, 9);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        out.append(" +0000 UTC m=+").append(uptimeNanos / 1_000_000_000L).append('.');
        appendPadded(out, uptimeNanos % 1_000_000_000L, 9);
        return out.toString();
    }

    private static StringBuilder dateTime(Instant instant, char separator) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(40);
        appendPadded(out, t.getYear(), 4);
        appendPadded(out.append('-'), t.getMonthValue(), 2);
        appendPadded(out.append('-'), t.getDayOfMonth(), 2);
        appendPadded(out.append(separator), t.getHour(), 2);
        appendPadded(out.append(':'), t.getMinute(), 2);
        appendPadded(out.append(':'), t.getSecond(), 2);
        return out;
    }

    private static void appendPadded(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
