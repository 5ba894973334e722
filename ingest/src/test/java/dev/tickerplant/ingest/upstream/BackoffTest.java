package dev.tickerplant.ingest.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final long MS = 1_000_000L;

    private final Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0);

    @Test
    void ceilingGrowsByTheMultiplierUntilTheCap() {
        Backoff top = backoff.withRandom(() -> 1.0);
        assertEquals(List.of(100 * MS, 200 * MS, 400 * MS, 800 * MS, 1000 * MS, 1000 * MS),
                List.of(top.delayNanos(0), top.delayNanos(1), top.delayNanos(2), top.delayNanos(3),
                        top.delayNanos(4), top.delayNanos(5)));
    }

    @Test
    void delayIsTheRandomFractionOfTheCeiling() {
        Backoff pinned = backoff.withRandom(sequence(0.25, 0.9, 0.1, 0.5));
        assertEquals(25 * MS, pinned.delayNanos(0));
        assertEquals(180 * MS, pinned.delayNanos(1));
        assertEquals(40 * MS, pinned.delayNanos(2));
        assertEquals(500 * MS, pinned.delayNanos(7)); // capped ceiling 1 s × 0.5
    }

    @Test
    void fullJitterReachesZeroNotHalfTheCeiling() {
        // "Equal jitter" would keep half the ceiling as a floor; full jitter spreads down to zero.
        assertEquals(0, backoff.withRandom(() -> 0.0).delayNanos(3));
    }

    @Test
    void hugeAttemptNumbersStayAtTheCapWithoutOverflow() {
        Backoff top = backoff.withRandom(() -> 1.0);
        assertEquals(1000 * MS, top.delayNanos(Integer.MAX_VALUE));
        assertEquals(1000 * MS, top.delayNanos(64));
    }

    @Test
    void maxNearTheLongLimitIsNeverExceeded() {
        Backoff wide = Backoff.exponential(Duration.ofSeconds(1), Duration.ofNanos(Long.MAX_VALUE), 10.0)
                .withRandom(() -> 1.0);
        assertEquals(Long.MAX_VALUE, wide.delayNanos(40));
    }

    @Test
    void multiplierOfOneGivesAConstantCeiling() {
        Backoff flat = Backoff.exponential(Duration.ofMillis(300), Duration.ofSeconds(5), 1.0).withRandom(() -> 1.0);
        assertEquals(300 * MS, flat.delayNanos(0));
        assertEquals(300 * MS, flat.delayNanos(50));
    }

    @Test
    void defaultRandomnessStaysWithinTheCeilingAndVaries() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long delay = backoff.delayNanos(2);
            assertTrue(delay >= 0 && delay <= 400 * MS, "delay " + delay + " outside [0, 400 ms]");
            seen.add(delay);
        }
        assertTrue(seen.size() > 100, "expected varied delays, got " + seen.size() + " distinct of 200");
    }

    @Test
    void rejectsInvalidSettingsNamingTheValueAndTheExpectation() {
        assertMessage("multiplier: 0.5 (expected: >= 1.0)",
                () -> Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5));
        assertMessage("multiplier: NaN (expected: >= 1.0)",
                () -> Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), Double.NaN));
        assertMessage("multiplier: Infinity (expected: finite)",
                () -> Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), Double.POSITIVE_INFINITY));
        assertMessage("initial: PT0S (expected: > 0)",
                () -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1), 2.0));
        assertMessage("initial: PT-0.001S (expected: > 0)",
                () -> Backoff.exponential(Duration.ofMillis(-1), Duration.ofSeconds(1), 2.0));
        assertMessage("max: PT0.5S (expected: >= initial PT1S)",
                () -> Backoff.exponential(Duration.ofSeconds(1), Duration.ofMillis(500), 2.0));
        assertMessage("attempt: -1 (expected: >= 0)", () -> backoff.delayNanos(-1));
    }

    @Test
    void rejectsRandomValuesOutsideTheUnitInterval() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> backoff.withRandom(() -> 1.5).delayNanos(0));
        assertEquals("random: 1.5 (expected: >= 0.0 and <= 1.0)", e.getMessage());
    }

    @Test
    void stateCountsAttemptsAndStartsOverAfterReset() {
        BackoffState state = backoff.withRandom(() -> 1.0).newState();
        assertEquals(0, state.attempts());
        assertEquals(100 * MS, state.nextDelayNanos());
        assertEquals(200 * MS, state.nextDelayNanos());
        assertEquals(400 * MS, state.nextDelayNanos());
        assertEquals(3, state.attempts());

        state.reset();

        assertEquals(0, state.attempts());
        assertEquals(100 * MS, state.nextDelayNanos());
        assertEquals(1, state.attempts());
    }

    @Test
    void statesOfOneBackoffAreIndependent() {
        Backoff top = backoff.withRandom(() -> 1.0);
        BackoffState a = top.newState();
        BackoffState b = new BackoffState(top);
        a.nextDelayNanos();
        a.nextDelayNanos();
        assertEquals(100 * MS, b.nextDelayNanos());
        assertEquals(400 * MS, a.nextDelayNanos());
    }

    private static DoubleSupplier sequence(double... values) {
        Iterator<Double> it = java.util.Arrays.stream(values).boxed().iterator();
        return it::next;
    }

    private static void assertMessage(String expected, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertEquals(expected, e.getMessage());
    }
}
