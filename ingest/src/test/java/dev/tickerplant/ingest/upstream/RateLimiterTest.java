package dev.tickerplant.ingest.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimiterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    @Test
    void firstPermitIsImmediateAndTheNextOnesAreSpaced() {
        RateLimiter limiter = new RateLimiter("connect", 8, clock::get);
        long spacing = limiter.spacingNanos();

        assertEquals(0, limiter.reserve());
        assertEquals(spacing, limiter.reserve());
        assertEquals(2 * spacing, limiter.reserve());

        clock.addAndGet(spacing / 2);
        assertEquals(3 * spacing - spacing / 2, limiter.reserve());
    }

    @Test
    void spacingIsOneEighthOfASecondPlusFivePercent() {
        // 1 s × 1.05 / 8 = 131.25 ms: eight permits span 918.75 ms, a ninth could come no sooner than 1.05 s.
        assertEquals(131_250_000L, new RateLimiter("subscribe", 8, clock::get).spacingNanos());
        assertEquals(1_050_000_000L, new RateLimiter("one", 1, clock::get).spacingNanos());
    }

    @Test
    void connectMarginStretchesTheScheduleToAbsorbHandshakeSkew() {
        // 1 s × 1.25 / 8 = 156.25 ms: a first connect may arrive up to 250 ms late and still not make nine in a second.
        assertEquals(156_250_000L,
                new RateLimiter("connect", 8, RateLimiter.CONNECT_MARGIN_PERCENT, clock::get).spacingNanos());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new RateLimiter("connect", 8, 99, clock::get));
        assertEquals("marginPercent: 99 (expected: >= 100)", e.getMessage());
    }

    @Test
    void idleTimeIsNotSavedUpAsABurst() {
        RateLimiter limiter = new RateLimiter("connect", 8, clock::get);
        limiter.reserve();
        clock.addAndGet(60 * SECOND);

        assertEquals(0, limiter.reserve());
        assertEquals(limiter.spacingNanos(), limiter.reserve());
    }

    @Test
    void backlogTellsHowLongTheNextPermitWouldWaitWithoutBookingIt() {
        RateLimiter limiter = new RateLimiter("subscribe", 8, clock::get);
        long spacing = limiter.spacingNanos();
        assertEquals(0, limiter.backlogNanos());

        limiter.reserve();
        limiter.reserve();
        limiter.reserve();
        assertEquals(3 * spacing, limiter.backlogNanos());
        assertEquals(3 * spacing, limiter.backlogNanos()); // asking books nothing

        clock.addAndGet(spacing);
        assertEquals(2 * spacing, limiter.backlogNanos());
        clock.addAndGet(10 * SECOND);
        assertEquals(0, limiter.backlogNanos());
    }

    @Test
    void tryReserveNowBooksOnlyAnIdleScheduleAndNeverAFutureSlot() {
        RateLimiter limiter = new RateLimiter("subscribe", 8, clock::get);
        long spacing = limiter.spacingNanos();

        assertTrue(limiter.tryReserveNow());
        assertFalse(limiter.tryReserveNow());
        assertEquals(spacing, limiter.backlogNanos(), "the refused call booked nothing");

        limiter.reserve(); // queued behind the first slot
        clock.addAndGet(spacing);
        assertFalse(limiter.tryReserveNow(), "a queued reservation goes first");
        clock.addAndGet(spacing);
        assertTrue(limiter.tryReserveNow());
        assertEquals(spacing, limiter.reserve(), "a later reservation waits one spacing for it, no more");
    }

    @Test
    void aPermitIsRefusedUntilOneSpacingAfterTheLastActionHowLateThatWas() {
        RateLimiter limiter = new RateLimiter("subscribe", 8, clock::get);
        long spacing = limiter.spacingNanos();
        assertEquals(0, limiter.reserve());
        assertEquals(spacing, limiter.reserve());

        clock.addAndGet(60_000_000); // the first slot's timer fires 60 ms late
        assertEquals(0, limiter.tryAcquire());
        clock.addAndGet(spacing - 60_000_000); // the second one on time

        assertEquals(60_000_000, limiter.tryAcquire(), "refused: the last action was less than a spacing ago");
        clock.addAndGet(60_000_000 - 1);
        assertEquals(1, limiter.tryAcquire());
        clock.addAndGet(1);
        assertEquals(0, limiter.tryAcquire());
    }

    @Test
    void aLateActionPushesTheSlotsBookedAfterIt() {
        RateLimiter limiter = new RateLimiter("subscribe", 8, clock::get);
        long spacing = limiter.spacingNanos();
        assertEquals(0, limiter.reserve());
        clock.addAndGet(spacing + 50_000_000); // acted on one spacing and 50 ms after its slot
        assertEquals(0, limiter.tryAcquire());

        assertEquals(spacing, limiter.backlogNanos());
        assertFalse(limiter.tryReserveNow(), "no idle slot until one spacing after the action");
        assertEquals(spacing, limiter.reserve());
    }

    @Test
    void scheduleSurvivesNanoTimeOverflow() {
        clock.set(Long.MAX_VALUE - 100);
        RateLimiter limiter = new RateLimiter("connect", 8, clock::get);
        long spacing = limiter.spacingNanos();

        assertEquals(0, limiter.reserve());
        clock.addAndGet(200); // wraps to a negative value
        assertEquals(spacing - 200, limiter.reserve());
        assertEquals(2 * spacing - 200, limiter.reserve());
    }

    @Test
    void rejectsFewerThanOnePermitPerSecond() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RateLimiter("connect", 0, clock::get));
        assertEquals("permitsPerSecond: 0 (expected: >= 1)", e.getMessage());
    }

    @Test
    void exposesItsNameForLogs() {
        RateLimiter limiter = new RateLimiter("subscribe", 8, clock::get);
        assertEquals("subscribe", limiter.name());
        assertEquals(8, limiter.permitsPerSecond());
    }

    /**
     * 1 000 reservations from 4 threads against a shared fake clock that moves forward a random step on every read,
     * so that reservations race each other and the schedule alternates between idle and backlogged. Each thread
     * remembers the clock value its own reservation was computed from, which turns the returned delay into the
     * booked time.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 8, 100})
    void neverMoreThanNPermitsInAnyOneSecondWindowUnderConcurrency(int permitsPerSecond) throws Exception {
        assertNeverMoreThanNPerSecondUnderConcurrency(permitsPerSecond, false);
    }

    /** As above with every other call a {@link RateLimiter#tryReserveNow()}: the two kinds share one schedule. */
    @ParameterizedTest
    @ValueSource(ints = {1, 8, 100})
    void idleOnlyBookingsMixedInStillNeverMakeMoreThanNPermitsInAnyOneSecondWindow(int permitsPerSecond)
            throws Exception {
        assertNeverMoreThanNPerSecondUnderConcurrency(permitsPerSecond, true);
    }

    private void assertNeverMoreThanNPerSecondUnderConcurrency(int permitsPerSecond, boolean mixIdleOnly)
            throws Exception {
        long maxStep = 2 * ((SECOND * 105 / 100) / permitsPerSecond);
        ThreadLocal<Long> lastRead = new ThreadLocal<>();
        RateLimiter limiter = new RateLimiter("test", permitsPerSecond, () -> {
            long now = clock.addAndGet(ThreadLocalRandom.current().nextLong(maxStep + 1));
            lastRead.set(now);
            return now;
        });

        int threads = 4;
        int perThread = 250;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[][]>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    long[] booked = new long[perThread];
                    long[] delays = new long[perThread];
                    int n = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (mixIdleOnly && i % 2 == 1) {
                            if (limiter.tryReserveNow()) {
                                booked[n++] = lastRead.get(); // delays[n] stays 0: booked for now
                            }
                            continue;
                        }
                        delays[n] = limiter.reserve();
                        booked[n] = lastRead.get() + delays[n];
                        n++;
                    }
                    return new long[][] {Arrays.copyOf(booked, n), Arrays.copyOf(delays, n)};
                }));
            }
            start.countDown();

            List<Long> booked = new ArrayList<>();
            int immediate = 0;
            int deferred = 0;
            for (Future<long[][]> result : results) {
                long[][] r = result.get(30, TimeUnit.SECONDS);
                for (int i = 0; i < r[0].length; i++) {
                    booked.add(r[0][i]);
                    assertTrue(r[1][i] >= 0, "negative delay " + r[1][i]);
                    if (r[1][i] == 0) {
                        immediate++;
                    } else {
                        deferred++;
                    }
                }
            }
            booked.sort(null);

            if (mixIdleOnly) {
                assertTrue(booked.size() > threads * perThread / 2, "some idle-only calls booked a slot");
            } else {
                assertEquals(threads * perThread, booked.size());
            }
            assertTrue(immediate > 0 && deferred > 0,
                    "expected both idle and backlogged reservations, got " + immediate + " / " + deferred);
            for (int i = 1; i < booked.size(); i++) {
                assertTrue(booked.get(i) - booked.get(i - 1) >= limiter.spacingNanos(),
                        "slots " + (i - 1) + " and " + i + " are " + (booked.get(i) - booked.get(i - 1)) + " ns apart");
            }
            // Every closed 1 s window [t, t + 1 s] that starts at a booked time (the worst case for a count).
            int end = 0;
            for (int first = 0; first < booked.size(); first++) {
                while (end < booked.size() && booked.get(end) - booked.get(first) <= SECOND) {
                    end++;
                }
                int inWindow = end - first;
                assertTrue(inWindow <= permitsPerSecond,
                        inWindow + " permits within 1 s from slot " + first + " (expected: <= " + permitsPerSecond + ")");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
