package dev.tickerplant.ingest.upstream;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before reconnect attempt {@code n}: exponential growth, capped, with full jitter.
 *
 * <p>Full jitter as in the AWS "Exponential Backoff And Jitter" article:
 * {@code delay = random(0, min(max, initial × multiplier^attempt))}. Spreading each wait over the whole range,
 * down to zero, is what keeps ~20 connections that dropped together (a deploy, a 1001 "going away") from coming
 * back together and tripping the per-IP connection limit.
 *
 * <p>An immutable value, safe to share between connections; the per-connection attempt counter lives in
 * {@link BackoffState}.
 */
public final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final double multiplier;
    /** Uniform values in [0.0, 1.0]; injected so tests can pin exact sequences. */
    private final DoubleSupplier unitRandom;

    private Backoff(long initialNanos, long maxNanos, double multiplier, DoubleSupplier unitRandom) {
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
        this.multiplier = multiplier;
        this.unitRandom = unitRandom;
    }

    /**
     * Exponential backoff with full jitter, drawing randomness from {@link ThreadLocalRandom}.
     *
     * @param initial    ceiling of the first delay (attempt 0), {@code > 0}
     * @param max        cap of every ceiling, {@code >= initial}
     * @param multiplier growth of the ceiling per attempt, {@code >= 1.0}
     */
    public static Backoff exponential(Duration initial, Duration max, double multiplier) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial: " + initial + " (expected: > 0)");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= initial " + initial + ")");
        }
        if (!(multiplier >= 1.0)) { // also rejects NaN
            throw new IllegalArgumentException("multiplier: " + multiplier + " (expected: >= 1.0)");
        }
        if (Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier: " + multiplier + " (expected: finite)");
        }
        return new Backoff(toNanos("initial", initial), toNanos("max", max), multiplier,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** A copy that draws its jitter from {@code unitRandom}, which must return values in [0.0, 1.0]. */
    public Backoff withRandom(DoubleSupplier unitRandom) {
        return new Backoff(initialNanos, maxNanos, multiplier, Objects.requireNonNull(unitRandom, "unitRandom"));
    }

    /** A fresh attempt counter for one connection. */
    public BackoffState newState() {
        return new BackoffState(this);
    }

    /**
     * The delay before attempt {@code attempt} (0-based: the first retry is attempt 0), in nanoseconds:
     * uniformly random in [0, {@link #ceilingNanos(int)}].
     */
    public long delayNanos(int attempt) {
        long ceiling = ceilingNanos(attempt);
        double unit = unitRandom.getAsDouble();
        if (!(unit >= 0.0 && unit <= 1.0)) {
            throw new IllegalStateException("random: " + unit + " (expected: >= 0.0 and <= 1.0)");
        }
        // min(): converting a long above 2^53 to double may round up by a few nanoseconds.
        return Math.min(ceiling, (long) (ceiling * unit));
    }

    /** The upper bound of the delay before attempt {@code attempt}: {@code min(max, initial × multiplier^attempt)}. */
    long ceilingNanos(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt: " + attempt + " (expected: >= 0)");
        }
        // In double arithmetic the growth saturates at +Infinity instead of overflowing.
        double ceiling = initialNanos * Math.pow(multiplier, attempt);
        return ceiling >= maxNanos ? maxNanos : (long) ceiling;
    }

    public long initialNanos() {
        return initialNanos;
    }

    public long maxNanos() {
        return maxNanos;
    }

    public double multiplier() {
        return multiplier;
    }

    @Override
    public String toString() {
        return "Backoff[exponential, full jitter, initial=" + Duration.ofNanos(initialNanos)
                + ", max=" + Duration.ofNanos(maxNanos) + ", multiplier=" + multiplier + "]";
    }

    private static long toNanos(String name, Duration value) {
        try {
            return value.toNanos();
        } catch (ArithmeticException tooLong) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: <= " + Duration.ofNanos(Long.MAX_VALUE) + ")");
        }
    }
}
