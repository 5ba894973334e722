package dev.tickerplant.sim.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlidingWindowCounterTest {

    private final AtomicLong now = new AtomicLong(123_456_789L);
    private final SlidingWindowCounter counter = new SlidingWindowCounter(TimeUnit.SECONDS.toNanos(1), now::get);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void countsEventsOfTheLastSecondPerKey() {
        assertEquals(1, counter.record("a"));
        advanceMillis(400);
        assertEquals(2, counter.record("a"));
        assertEquals(1, counter.record("b"));
        advanceMillis(599);
        assertEquals(2, counter.count("a"));
        advanceMillis(1);
        assertEquals(1, counter.count("a"), "the first event left the window a full second later");
        advanceMillis(400);
        assertEquals(0, counter.count("a"));
    }

    @Test
    void remembersTheBusiestWindow() {
        for (int i = 0; i < 5; i++) {
            counter.record("a");
            advanceMillis(100);
        }
        advanceMillis(2_000);
        counter.record("a");
        assertEquals(5, counter.maxInAnyWindow());
        assertEquals(1, counter.count("a"));
    }

    @Test
    void admissionAllowsEightPerSecondThenRejectsUntilTheWindowSlides() {
        ConnectionAdmission admission = new ConnectionAdmission(8, now::get);
        for (int i = 0; i < 8; i++) {
            assertTrue(admission.admit("10.0.0.1"), "attempt " + (i + 1));
            advanceMillis(50);
        }
        assertFalse(admission.admit("10.0.0.1"), "ninth within a second");
        assertTrue(admission.admit("10.0.0.2"), "the limit is per IP");
        advanceMillis(651);
        assertTrue(admission.admit("10.0.0.1"), "the first accepted attempt has left the window");
        assertEquals(9, admission.maxAttemptsInAnyWindow(), "the rejected ninth attempt counts toward the busiest window");
    }

    @Test
    void injectedRejectionsComeFirst() {
        ConnectionAdmission admission = new ConnectionAdmission(8, now::get);
        admission.rejectNext(2);
        assertFalse(admission.admit("10.0.0.1"));
        assertFalse(admission.admit("10.0.0.2"));
        assertTrue(admission.admit("10.0.0.1"));
    }
}
