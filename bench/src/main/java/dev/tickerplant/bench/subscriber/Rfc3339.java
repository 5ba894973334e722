package dev.tickerplant.bench.subscriber;

import io.netty.buffer.ByteBuf;

/**
 * Parses a UTC RFC 3339 time, {@code 2026-10-03T20:58:31.127510Z} with 0 to 9 fractional digits, from bytes into epoch
 * nanoseconds without allocating.
 */
public final class Rfc3339 {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Rfc3339() {
    }

    /** Epoch nanoseconds of the time starting at {@code index}, or {@link Long#MIN_VALUE} when it is not one. */
    public static long epochNanos(ByteBuf in, int index) {
        return epochNanos(in, index, in.writerIndex());
    }

    /** The same, reading no further than {@code end} (exclusive). */
    public static long epochNanos(ByteBuf in, int index, int end) {
        if (end - index < 20) {
            return Long.MIN_VALUE;
        }
        long year = digits(in, index, 4);
        long month = digits(in, index + 5, 2);
        long day = digits(in, index + 8, 2);
        long hour = digits(in, index + 11, 2);
        long minute = digits(in, index + 14, 2);
        long second = digits(in, index + 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || in.getByte(index + 4) != '-'
                || in.getByte(index + 10) != 'T' || in.getByte(index + 13) != ':') {
            return Long.MIN_VALUE;
        }
        long fraction = 0;
        int scale = 0;
        int i = index + 19;
        if (in.getByte(i) == '.') {
            for (i++; i < end; i++) {
                int c = in.getByte(i) - '0';
                if (c < 0 || c > 9) {
                    break;
                }
                if (scale < 9) {
                    fraction = fraction * 10 + c;
                    scale++;
                }
            }
        }
        if (i >= end || in.getByte(i) != 'Z') {
            return Long.MIN_VALUE;
        }
        for (; scale < 9; scale++) {
            fraction *= 10;
        }
        long seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
        return seconds * NANOS_PER_SECOND + fraction;
    }

    /** The same for text, e.g. a time a library handed over as a {@code String}. */
    public static long epochNanos(CharSequence text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return epochNanos(io.netty.buffer.Unpooled.wrappedBuffer(bytes), 0);
    }

    /** H. Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date. */
    static long daysFromCivil(long year, long month, long day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static long digits(ByteBuf in, int index, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            int c = in.getByte(index + i) - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            value = value * 10 + c;
        }
        return value;
    }
}
