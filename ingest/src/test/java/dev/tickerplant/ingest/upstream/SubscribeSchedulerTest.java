package dev.tickerplant.ingest.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shared pacing on a clock the test moves: connect admission, the keep-alive's yielding and the spacing kept when a
 * session's loop runs a timer late, to the millisecond.
 */
class SubscribeSchedulerTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final ManualTimers timers = new ManualTimers();
    private final long start = timers.nanoTime();
    private final RateLimiter subscribes = new RateLimiter("subscribe", 8, timers::nanoTime);
    private final SubscribeScheduler scheduler = new SubscribeScheduler(
            new RateLimiter("connect", 8, RateLimiter.CONNECT_MARGIN_PERCENT, timers::nanoTime), subscribes);
    private final AtomicInteger sent = new AtomicInteger();

    @Test
    void aConnectWaitsUntilTheSubscribeScheduleIsNoMoreThanTwoSecondsBooked() {
        for (int i = 0; i < 20; i++) {
            subscribes.reserve(); // 20 slots: booked 20 spacings ahead
        }
        long overBooked = 20 * subscribes.spacingNanos() - SubscribeScheduler.MAX_SUBSCRIBE_BACKLOG_NANOS;

        scheduler.admitConnect(timers, sent::incrementAndGet);
        timers.advance(Duration.ofNanos(overBooked - 1));
        assertEquals(0, sent.get());
        timers.advance(Duration.ofNanos(1));

        assertEquals(1, sent.get());
    }

    @Test
    void connectsAreSpacedByTheConnectLimiter() {
        scheduler.admitConnect(timers, sent::incrementAndGet);
        scheduler.admitConnect(timers, sent::incrementAndGet);
        timers.runDue();
        assertEquals(1, sent.get());

        timers.advanceMillis(156); // 8/s with a 25 % margin: 156.25 ms apart
        assertEquals(1, sent.get());
        timers.advanceMillis(1);
        assertEquals(2, sent.get());
    }

    @Test
    void aKeepAliveWaitsForSessionsStillConnectingThenGoesAtTheNextRetry() {
        scheduler.connectingStarted();
        scheduler.bookKeepAlive(timers, () -> true, sent::incrementAndGet);

        timers.advanceMillis(1010);
        assertEquals(0, sent.get());
        scheduler.connectingEnded();
        timers.advanceMillis(39);
        assertEquals(0, sent.get());
        timers.advanceMillis(1); // retries every 50 ms: the one at 1050 ms finds nobody connecting

        assertEquals(1, sent.get());
    }

    @Test
    void aKeepAliveYieldsForFiveSecondsAtMostThenQueuesLikeAnyMessage() {
        scheduler.connectingStarted(); // and never done
        scheduler.bookKeepAlive(timers, () -> true, sent::incrementAndGet);

        timers.advance(Duration.ofNanos(SubscribeScheduler.KEEP_ALIVE_MAX_WAIT_NANOS).minusMillis(1));
        assertEquals(0, sent.get());
        timers.advanceMillis(1);

        assertEquals(1, sent.get());
    }

    @Test
    void aKeepAliveWhoseLinkClosedIsDropped() {
        scheduler.connectingStarted();
        boolean[] open = {true};
        scheduler.bookKeepAlive(timers, () -> open[0], sent::incrementAndGet);

        open[0] = false;
        timers.advance(Duration.ofSeconds(10));

        assertEquals(0, sent.get());
    }

    @Test
    void aSubscribeThatRanLateKeepsTheNextOneAFullSpacingAway() {
        List<Long> sentAt = new ArrayList<>();
        scheduler.bookTickerSubscribe(lateBy(60), () -> sentAt.add(timers.nanoTime())); // slot 0, runs at 60 ms
        scheduler.bookTickerSubscribe(timers, () -> sentAt.add(timers.nanoTime()));    // slot 131.25 ms, on time

        timers.advanceMillis(1000);

        long spacing = subscribes.spacingNanos();
        assertEquals(List.of(start + millis(60), start + millis(60) + spacing), sentAt);
    }

    @Test
    void nineSubscribesAfterALateFirstOneStillMakeAtMostEightInAnySecond() {
        List<Long> sentAt = new ArrayList<>();
        scheduler.bookTickerSubscribe(lateBy(100), () -> sentAt.add(timers.nanoTime()));
        for (int i = 0; i < 8; i++) {
            scheduler.bookTickerSubscribe(timers, () -> sentAt.add(timers.nanoTime()));
        }

        timers.advanceMillis(3000);

        // Booked at 0, 131.25, …, 1050 ms; acted on at 100, 231.25, …, 1150 ms. Spaced from the booked slots instead,
        // the late first one and the eight on time would all fall within [100 ms, 1100 ms].
        assertEquals(9, sentAt.size());
        assertEquals(start + millis(100) + 8 * subscribes.spacingNanos(), sentAt.get(8));
        assertTrue(sentAt.get(8) - sentAt.get(0) > SECOND, "nine within one second: " + sentAt);
    }

    @Test
    void aConnectThatRanLateKeepsTheNextOneAFullSpacingAway() {
        List<Long> connectedAt = new ArrayList<>();
        scheduler.admitConnect(lateBy(100), () -> connectedAt.add(timers.nanoTime())); // slot 0, runs at 100 ms
        scheduler.admitConnect(timers, () -> connectedAt.add(timers.nanoTime()));   // slot 156.25 ms, on time

        timers.advanceMillis(1000);

        assertEquals(List.of(start + millis(100), start + millis(100) + millis(156) + 250_000), connectedAt);
    }

    @Test
    void aKeepAliveDoesNotSqueezeInBehindASubscribeThatRanLate() {
        List<Long> sentAt = new ArrayList<>();
        scheduler.bookTickerSubscribe(lateBy(60), () -> sentAt.add(timers.nanoTime()));
        scheduler.bookKeepAlive(timers, () -> true, () -> sentAt.add(timers.nanoTime()));

        timers.advanceMillis(1000);

        assertEquals(List.of(start + millis(60), start + millis(60) + subscribes.spacingNanos()), sentAt);
    }

    /** A session's loop that runs every task {@code lateMillis} after it was due, on the test's clock. */
    private Timers lateBy(long lateMillis) {
        return new Timers() {
            @Override
            public long nanoTime() {
                return timers.nanoTime();
            }

            @Override
            public Scheduled schedule(Runnable task, long delayNanos) {
                return timers.schedule(task, Math.max(0, delayNanos) + millis(lateMillis));
            }

            @Override
            public void execute(Runnable task) {
                schedule(task, 0);
            }
        };
    }

    private static long millis(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
