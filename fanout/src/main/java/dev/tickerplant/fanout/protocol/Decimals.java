package dev.tickerplant.fanout.protocol;

import dev.tickerplant.ingest.codec.AsciiField;

/**
 * Reads a Coinbase decimal string ({@code "84737.58"}, {@code "0.00000025"}) as a double without allocating. Only for
 * comparisons (min-change filter, volume windows): prices that go out keep their exact bytes.
 */
public final class Decimals {
    private static final double[] POWERS_OF_TEN = new double[19];
    /** Digits beyond this many would overflow the long mantissa; they only move the value past double precision. */
    private static final int MAX_MANTISSA_DIGITS = 18;

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private Decimals() {
    }

    /** The value, or NaN when the field is absent or not a plain decimal ({@code [-]digits[.digits]}). */
    public static double parse(AsciiField field) {
        int n = field.length();
        if (n == 0) {
            return Double.NaN;
        }
        int i = 0;
        boolean negative = field.byteAt(0) == '-';
        if (negative || field.byteAt(0) == '+') {
            i++;
        }
        long mantissa = 0;
        int mantissaDigits = 0;
        int droppedIntegerDigits = 0;
        int fractionDigits = 0;
        boolean seenDigit = false;
        boolean inFraction = false;
        for (; i < n; i++) {
            byte b = field.byteAt(i);
            if (b == '.') {
                if (inFraction) {
                    return Double.NaN;
                }
                inFraction = true;
                continue;
            }
            if (b < '0' || b > '9') {
                return Double.NaN;
            }
            seenDigit = true;
            if (mantissaDigits < MAX_MANTISSA_DIGITS) {
                if (mantissa != 0 || b != '0') {
                    mantissaDigits++;
                }
                mantissa = mantissa * 10 + (b - '0');
                if (inFraction) {
                    fractionDigits++;
                }
            } else if (!inFraction) {
                droppedIntegerDigits++;
            }
        }
        if (!seenDigit) {
            return Double.NaN;
        }
        double value = mantissa;
        if (fractionDigits > 0) {
            value = fractionDigits < POWERS_OF_TEN.length ? value / POWERS_OF_TEN[fractionDigits]
                    : value / Math.pow(10, fractionDigits);
        }
        if (droppedIntegerDigits > 0) {
            value *= Math.pow(10, droppedIntegerDigits);
        }
        return negative ? -value : value;
    }
}
