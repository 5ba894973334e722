package dev.tickerplant.ingest.upstream;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The pacing every session shares: Coinbase counts connection opens and subscribe messages per IP (8/s each), so the
 * two {@link RateLimiter}s are booked here, and here alone. Each call takes the caller's {@link Timers}, so the delay
 * it books runs on that session's loop (or a test's clock). When a booked slot's timer fires, the permit is taken
 * right before acting ({@link RateLimiter#tryAcquire()}), so a timer that fired late pushes the actions after it
 * instead of leaving the server less than one spacing between two of them. Thread-safe: sessions on different loops
 * call it.
 */
final class SubscribeScheduler {
    /** Connects wait while the subscribe schedule is this far booked, so a new socket never idles into the 5 s rule. */
    static final long MAX_SUBSCRIBE_BACKLOG_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * The longest a keep-alive subscribe yields to ticker subscribes: enough for the connects of a 20-connection cold
     * start (3 s at 8/s), short enough that no link goes long without its keep-alive and watchdog.
     */
    static final long KEEP_ALIVE_MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How often a waiting keep-alive looks again while the subscribe schedule is idle but sessions are connecting. */
    static final long KEEP_ALIVE_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final BooleanSupplier ALWAYS = () -> true;

    private final RateLimiter connectLimiter;
    private final RateLimiter subscribeLimiter;
    private final AtomicInteger connecting = new AtomicInteger();

    SubscribeScheduler(RateLimiter connectLimiter, RateLimiter subscribeLimiter) {
        this.connectLimiter = Objects.requireNonNull(connectLimiter, "connectLimiter");
        this.subscribeLimiter = Objects.requireNonNull(subscribeLimiter, "subscribeLimiter");
    }

    /**
     * Runs {@code connect} at the next free connect slot, but not while the subscribe schedule is more than
     * {@link #MAX_SUBSCRIBE_BACKLOG_NANOS} booked: the new socket would have to wait that long for its subscribe.
     */
    void admitConnect(Timers timers, Runnable connect) {
        long backlog = subscribeLimiter.backlogNanos();
        if (backlog > MAX_SUBSCRIBE_BACKLOG_NANOS) {
            timers.schedule(() -> admitConnect(timers, connect), backlog - MAX_SUBSCRIBE_BACKLOG_NANOS);
            return;
        }
        timers.schedule(() -> actWhenSpaced(timers, connectLimiter, ALWAYS, connect), connectLimiter.reserve());
    }

    /**
     * Books the next subscribe slot now and runs {@code send} at it. A session books its ticker subscribe before it
     * leaves CONNECTING, so no waiting keep-alive can take the slot it is owed.
     */
    void bookTickerSubscribe(Timers timers, Runnable send) {
        timers.schedule(() -> actWhenSpaced(timers, subscribeLimiter, ALWAYS, send), subscribeLimiter.reserve());
    }

    /**
     * The keep-alive subscribe (Advanced Trade's {@code heartbeats}) yields to ticker subscribes: it takes a subscribe
     * slot only when none is queued and no session is still connecting, since each of those owes a ticker subscribe.
     * On a cold start or a mass reconnect every connection is streaming before the first heartbeats subscribe, after
     * 20 subscribe slots instead of 40. After {@link #KEEP_ALIVE_MAX_WAIT_NANOS} it queues like any other message, so
     * a connection that never finishes connecting cannot hold it back for long.
     *
     * @param wanted checked before sending and before every retry; false (the link closed) drops the keep-alive
     */
    void bookKeepAlive(Timers timers, BooleanSupplier wanted, Runnable send) {
        sendWhenIdle(timers, wanted, send, timers.nanoTime() + KEEP_ALIVE_MAX_WAIT_NANOS);
    }

    private void sendWhenIdle(Timers timers, BooleanSupplier wanted, Runnable send, long deadlineNanos) {
        if (!wanted.getAsBoolean()) {
            return;
        }
        long untilDeadline = deadlineNanos - timers.nanoTime();
        if (untilDeadline <= 0) {
            timers.schedule(() -> actWhenSpaced(timers, subscribeLimiter, wanted, send), subscribeLimiter.reserve());
        } else if (connecting.get() == 0 && subscribeLimiter.tryReserveNow()) {
            send.run();
        } else {
            long backlog = subscribeLimiter.backlogNanos();
            long retry = Math.min(backlog > 0 ? backlog : KEEP_ALIVE_RETRY_NANOS, untilDeadline);
            timers.schedule(() -> sendWhenIdle(timers, wanted, send, deadlineNanos), retry);
        }
    }

    /**
     * Acts on a booked slot whose timer fired: at once if one spacing has passed since the limiter's last action,
     * otherwise as soon as it has (the last action ran late). Dropped without taking a permit once no longer wanted.
     */
    private static void actWhenSpaced(Timers timers, RateLimiter limiter, BooleanSupplier wanted, Runnable action) {
        if (!wanted.getAsBoolean()) {
            return;
        }
        long wait = limiter.tryAcquire();
        if (wait > 0) {
            timers.schedule(() -> actWhenSpaced(timers, limiter, wanted, action), wait);
        } else {
            action.run();
        }
    }

    /** A session entered CONNECTING: it will book a ticker subscribe once its WebSocket is open. */
    void connectingStarted() {
        connecting.incrementAndGet();
    }

    /** A session left CONNECTING: its ticker subscribe is booked, or it will not need one. */
    void connectingEnded() {
        connecting.decrementAndGet();
    }

    /** Sessions whose ticker subscribe is still to be booked; keep-alive subscribes wait for them. */
    int sessionsConnecting() {
        return connecting.get();
    }
}
