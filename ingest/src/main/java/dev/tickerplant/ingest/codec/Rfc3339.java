package dev.tickerplant.ingest.codec;

/**
 * Allocation-free RFC 3339 parser for the timestamps both protocols send: {@code 2023-02-09T20:19:35.39625135Z}
 * (AT, 0–9 fractional digits) and {@code 2022-10-19T23:28:22.061769Z} (EX). Offsets {@code ±hh:mm} are accepted.
 */
public final class Rfc3339 {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Seconds beyond these do not fit a long of epoch nanos (years 1677 and 2262). */
    private static final long MAX_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND;
    private static final long MIN_SECONDS = -MAX_SECONDS;
    private static final int[] POWERS_OF_TEN = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };
    /** {@code yyyy-MM-ddTHH:mm:ss} */
    private static final int DATE_TIME_LENGTH = 19;

    private Rfc3339() {
    }

    /**
     * Parses {@code c[off, off + len)} to nanoseconds since the epoch.
     *
     * @return the instant, or {@link Long#MIN_VALUE} when the text is not an RFC 3339 date-time with 0–9 fractional
     *     digits and {@code Z} or {@code ±hh:mm}, names an impossible date or time (leap seconds included), or lies
     *     outside the range of epoch nanos in a long
     */
    public static long parseEpochNanos(char[] c, int off, int len) {
        if (c == null || off < 0 || len < DATE_TIME_LENGTH + 1 || off > c.length - len) {
            return Long.MIN_VALUE;
        }
        int year = digits(c, off, 4);
        int month = digits(c, off + 5, 2);
        int day = digits(c, off + 8, 2);
        int hour = digits(c, off + 11, 2);
        int minute = digits(c, off + 14, 2);
        int second = digits(c, off + 17, 2);
        char t = c[off + 10];
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || c[off + 4] != '-' || c[off + 7] != '-' || (t != 'T' && t != 't')
                || c[off + 13] != ':' || c[off + 16] != ':') {
            return Long.MIN_VALUE;
        }
        int i = off + DATE_TIME_LENGTH;
        int end = off + len;
        long fraction = 0;
        if (c[i] == '.') {
            int start = ++i;
            while (i < end && isDigit(c[i])) {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return Long.MIN_VALUE;
            }
            fraction = (long) digits(c, start, count) * POWERS_OF_TEN[9 - count];
        }
        int offsetSeconds = zoneOffsetSeconds(c, i, end);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long seconds = daysSinceEpoch(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second
                - offsetSeconds;
        if (seconds > MAX_SECONDS || seconds < MIN_SECONDS) {
            return Long.MIN_VALUE;
        }
        long nanos = seconds * NANOS_PER_SECOND + fraction;
        return nanos < 0 && seconds >= 0 ? Long.MIN_VALUE : nanos;
    }

    /** {@code Z}, {@code z} or {@code ±hh:mm} filling {@code c[i, end)}; Integer.MIN_VALUE when malformed. */
    private static int zoneOffsetSeconds(char[] c, int i, int end) {
        int remaining = end - i;
        if (remaining == 1 && (c[i] == 'Z' || c[i] == 'z')) {
            return 0;
        }
        if (remaining != 6 || (c[i] != '+' && c[i] != '-') || c[i + 3] != ':') {
            return Integer.MIN_VALUE;
        }
        int hours = digits(c, i + 1, 2);
        int minutes = digits(c, i + 4, 2);
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return c[i] == '-' ? -seconds : seconds;
    }

    /** The non-negative value of {@code count} decimal digits, or -1 if any is not a digit. */
    private static int digits(char[] c, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            if (!isDigit(c[i])) {
                return -1;
            }
            value = value * 10 + (c[i] - '0');
        }
        return value;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return isLeapYear(year) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static boolean isLeapYear(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /** Proleptic Gregorian days from 1970-01-01 (H. Hinnant's days_from_civil). */
    private static long daysSinceEpoch(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }
}
