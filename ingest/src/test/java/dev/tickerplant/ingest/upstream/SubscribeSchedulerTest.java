package dev.tickerplant.ingest.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared pacing on a clock the test moves: connect admission and the keep-alive's yielding, to the millisecond. */
class SubscribeSchedulerTest {
    private final ManualTimers timers = new ManualTimers();
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
}
