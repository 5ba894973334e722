package dev.tickerplant.fanout.protocol;

/** Writes epoch nanos as RFC 3339 UTC with microseconds, {@code 2026-10-03T20:58:31.127510Z}, without allocating. */
public final class Timestamps {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private Timestamps() {
    }

    /** Appends the quoted timestamp, or {@code null} for {@link Long#MIN_VALUE} (the codec's "absent"). */
    public static void appendQuoted(JsonBytes out, long epochNanos) {
        if (epochNanos == Long.MIN_VALUE) {
            out.appendAscii("null");
            return;
        }
        out.append('"');
        append(out, epochNanos);
        out.append('"');
    }

    public static void append(JsonBytes out, long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        long micros = Math.floorMod(epochNanos, NANOS_PER_SECOND) / 1_000;
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        long secondOfDay = Math.floorMod(seconds, SECONDS_PER_DAY);
        // H. Hinnant's civil_from_days: proleptic Gregorian date of a day count from 1970-01-01.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        out.appendPadded(year, 4).append('-').appendPadded(month, 2).append('-').appendPadded(day, 2)
                .append('T').appendPadded(secondOfDay / 3_600, 2).append(':')
                .appendPadded(secondOfDay / 60 % 60, 2).append(':').appendPadded(secondOfDay % 60, 2)
                .append('.').appendPadded(micros, 6).append('Z');
    }

    /** Allocates; for replies off the hot path. */
    public static String format(long epochNanos) {
        JsonBytes out = new JsonBytes(32);
        append(out, epochNanos);
        return out.toString();
    }
}
