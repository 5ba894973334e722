package dev.tickerplant.ingest.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(30));

    @Test
    void firstEventWarnsAndTheNextOnesInTheQuietPeriodAreCounted() {
        long t = 5 * SECOND;
        assertTrue(throttle.shouldWarn(t));
        assertEquals(0, throttle.takeSuppressedCount());

        assertFalse(throttle.shouldWarn(t + 1));
        assertFalse(throttle.shouldWarn(t + 10 * SECOND));
        assertFalse(throttle.shouldWarn(t + 30 * SECOND - 1));

        assertTrue(throttle.shouldWarn(t + 30 * SECOND));
        assertEquals(3, throttle.takeSuppressedCount());
    }

    @Test
    void takingTheCountResetsIt() {
        throttle.shouldWarn(0);
        throttle.shouldWarn(1);
        throttle.shouldWarn(2);
        assertEquals(2, throttle.takeSuppressedCount());
        assertEquals(0, throttle.takeSuppressedCount());
    }

    @Test
    void aStormThatNeverStopsStillWarnsOncePerPeriod() {
        int warnings = 0;
        for (long t = 0; t < 95 * SECOND; t += SECOND / 10) {
            if (throttle.shouldWarn(t)) {
                warnings++;
            }
        }
        assertEquals(4, warnings); // at 0, 30, 60 and 90 s
    }

    @Test
    void quietPeriodSurvivesNanoTimeOverflow() {
        long t = Long.MAX_VALUE - SECOND;
        assertTrue(throttle.shouldWarn(t));
        assertFalse(throttle.shouldWarn(t + 2 * SECOND)); // wrapped to a negative value
        assertTrue(throttle.shouldWarn(t + 30 * SECOND));
        assertEquals(1, throttle.takeSuppressedCount());
    }

    @Test
    void firstEventWarnsWhateverTheClockReads() {
        assertTrue(new LogThrottle().shouldWarn(Long.MIN_VALUE));
        assertTrue(new LogThrottle().shouldWarn(0));
    }

    @Test
    void rejectsANonPositiveQuietPeriod() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LogThrottle(Duration.ZERO));
        assertEquals("quietPeriod: PT0S (expected: > 0)", e.getMessage());
    }
}
