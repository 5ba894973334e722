package dev.tickerplant.sim.market;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact decimal strings for amounts kept as whole multiples of a power-of-ten increment.
 *
 * <p>Prices, sizes and volumes live as {@code long} counts of their increment ("units") so that every value the
 * simulator sends is an exact decimal with the product's precision and never carries a binary-float artefact.
 */
public final class Decimals {

    /** Largest supported number of fractional digits; 10^18 still fits a long. */
    public static final int MAX_SCALE = 18;

    private Decimals() {
    }

    /** Formats {@code units × 10^-scale}, e.g. {@code format(2193298, 2)} is {@code "21932.98"}. */
    public static String format(long units, int scale) {
        checkScale(scale);
        if (scale == 0) {
            return Long.toString(units);
        }
        boolean negative = units < 0;
        String digits = negative ? Long.toString(units).substring(1) : Long.toString(units);
        StringBuilder out = new StringBuilder(digits.length() + scale + 3);
        if (negative) {
            out.append('-');
        }
        if (digits.length() <= scale) {
            out.append("0.");
            out.append("0".repeat(scale - digits.length()));
            out.append(digits);
        } else {
            int point = digits.length() - scale;
            out.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return out.toString();
    }

    /** The increment itself as a string: scale 2 is {@code "0.01"}, scale 0 is {@code "1"}. */
    public static String increment(int scale) {
        return format(1, scale);
    }

    /** Rounds a decimal to the nearest whole number of units of the given scale (half-even). */
    public static long toUnits(BigDecimal value, int scale) {
        checkScale(scale);
        return value.setScale(scale, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    /** Rounds a double to the nearest whole number of units, for quantities drawn from a distribution. */
    public static long toUnits(double value, int scale) {
        return toUnits(BigDecimal.valueOf(value), scale);
    }

    /** {@code 10^scale}, the number of units in one whole. */
    public static long unitsPerWhole(int scale) {
        checkScale(scale);
        long result = 1;
        for (int i = 0; i < scale; i++) {
            result *= 10;
        }
        return result;
    }

    private static void checkScale(int scale) {
        if (scale < 0 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale: " + scale + " (expected: 0.." + MAX_SCALE + ")");
        }
    }
}
