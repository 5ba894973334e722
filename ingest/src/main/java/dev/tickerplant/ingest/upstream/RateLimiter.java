package dev.tickerplant.ingest.upstream;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A non-blocking pacer shared by all upstream connections, for limits Coinbase counts per IP (8 connection opens/s,
 * 8 unauthenticated subscribe messages/s).
 *
 * <p>Callers run on Netty event loops and must never wait here. {@link #reserve()} books the next free slot of a
 * schedule and returns how long the caller must wait before acting; the caller schedules its action after that delay
 * on its own event loop, and when the timer fires it takes the permit with {@link #tryAcquire()} right before acting.
 *
 * <p><b>Guarantee:</b> permits are acted on at least {@link #spacingNanos()} apart, measured on this limiter's clock
 * at the moment of acting, with {@code spacing = ceil(1 s × 1.05 / permitsPerSecond)}. So {@code k} actions span at
 * least {@code (k − 1) × spacing}, and any closed 1-second window holds at most {@code permitsPerSecond} of them.
 * Booked slots are spaced the same way.
 *
 * <p><b>Why the spacing is measured when acting, not when booking:</b> a timer never fires before its slot but often
 * after it (event-loop latency, GC, a loaded machine). If the schedule of booked slots were all there was, a first
 * action that ran 60 ms late and a second one that ran on time would leave the server 60 ms less than one spacing
 * between them. {@link #tryAcquire()} refuses a permit until one spacing has passed since the last action, so a late
 * timer delays the actions after it instead of bunching up with them.
 *
 * <p><b>Why a 5 % margin rather than exactly 1/N s:</b> with exact spacing, N + 1 actions fit into a closed 1 s window,
 * and the server counts them when they arrive, after a write, the network and its own event loop, each of which can
 * delay one message more than the next. Stretching the schedule by 5 % gives {@code N × spacing × 0.05} of slack per
 * window (about 50 ms at 8/s) for that path, for a 5 % loss of throughput. Spacing evenly instead of letting N permits
 * go at once also keeps bursts — where jitter hurts most — out of the schedule; the cost is that an idle limiter still
 * spaces its first permits.
 *
 * <p>{@link #tryReserveNow()} is the low-priority way in: it takes a slot only when nothing is queued, so callers can
 * let one kind of message go first (ticker subscribes before keep-alive subscribes) without a second schedule that
 * could double-book a second.
 *
 * <p>Unused capacity is not saved up: after an idle period the next permit is available at once, the following ones
 * one spacing apart.
 */
public final class RateLimiter {

    /** Stretch of the nominal 1/N s spacing, in percent; see the class comment. */
    private static final long SAFETY_MARGIN_PERCENT = 105;
    /** Margin for connects; see {@link #RateLimiter(String, int, long, LongSupplier)}. */
    public static final long CONNECT_MARGIN_PERCENT = 125;

    private final String name;
    private final int permitsPerSecond;
    private final long spacingNanos;
    private final LongSupplier nanoTime;
    /** The earliest time the next permit may be booked for, in {@link #nanoTime} units. Guarded by this. */
    private long nextFreeSlot;
    /** When the last permit was acted on, in {@link #nanoTime} units. Guarded by this. */
    private long lastActed;

    /**
     * @param name             for logs, e.g. {@code "connect"} or {@code "subscribe"}
     * @param permitsPerSecond the most permits any 1-second window may hold, {@code >= 1}
     * @param nanoTime         a monotonic clock, {@code System::nanoTime} in production
     */
    public RateLimiter(String name, int permitsPerSecond, LongSupplier nanoTime) {
        this(name, permitsPerSecond, SAFETY_MARGIN_PERCENT, nanoTime);
    }

    /**
     * As above with a wider margin, for actions whose effect reaches the server after a variable delay. A connect is
     * counted by Coinbase when the upgrade request arrives, after TCP and TLS handshakes whose duration varies by a
     * few hundred milliseconds (most on the very first connection of a cold JVM), so a late first connect can land
     * next to an on-time later one; at 125 % the schedule absorbs up to 250 ms of such skew at 8/s.
     *
     * @param marginPercent the schedule is stretched to this percentage of one second, {@code >= 100}
     */
    public RateLimiter(String name, int permitsPerSecond, long marginPercent, LongSupplier nanoTime) {
        this.name = Objects.requireNonNull(name, "name");
        if (permitsPerSecond < 1) {
            throw new IllegalArgumentException("permitsPerSecond: " + permitsPerSecond + " (expected: >= 1)");
        }
        if (marginPercent < 100) {
            throw new IllegalArgumentException("marginPercent: " + marginPercent + " (expected: >= 100)");
        }
        this.permitsPerSecond = permitsPerSecond;
        long stretchedSecond = TimeUnit.SECONDS.toNanos(1) * marginPercent / 100;
        this.spacingNanos = (stretchedSecond + permitsPerSecond - 1) / permitsPerSecond;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        long now = nanoTime.getAsLong();
        this.nextFreeSlot = now;
        this.lastActed = now - spacingNanos;
    }

    /**
     * Books the next free slot: one spacing after the last booked slot and after the last action, and not before
     * now. Never waits; safe from any thread.
     *
     * @return nanoseconds from now until the booked slot; 0 means act now
     */
    public synchronized long reserve() {
        long now = nanoTime.getAsLong();
        long slot = later(now, earliestFree());
        nextFreeSlot = slot + spacingNanos;
        return slot - now;
    }

    /**
     * Takes the permit of a booked slot whose time has come, right before acting on it: granted when one spacing has
     * passed since the last action, refused (nothing recorded) when an earlier permit was acted on less than that ago
     * because its timer fired late. Never waits; safe from any thread.
     *
     * @return 0 when the caller may act now (recorded as acted now); otherwise how long to wait before asking again
     */
    public synchronized long tryAcquire() {
        long now = nanoTime.getAsLong();
        long wait = lastActed + spacingNanos - now;
        if (wait > 0) {
            return wait;
        }
        lastActed = now;
        return 0;
    }

    /**
     * Books a slot and acts on it at once, only if one is free right now; never books a future slot. For messages
     * that should yield to everything booked with {@link #reserve()}: whatever is queued goes first, and a permit
     * booked later waits at most one spacing for this one. The same guarantee as {@link #reserve()} holds for any mix
     * of the two. Never waits; safe from any thread.
     *
     * @return true when a slot was booked for now and recorded as acted on (act at once); false when none is free, in
     *         which case nothing was booked and {@link #backlogNanos()} tells when to try again
     */
    public synchronized boolean tryReserveNow() {
        long now = nanoTime.getAsLong();
        if (earliestFree() - now > 0) {
            return false;
        }
        nextFreeSlot = now + spacingNanos;
        lastActed = now;
        return true;
    }

    /**
     * How long a permit reserved now would wait, without booking one; 0 when the schedule is idle. A hint for
     * callers that would rather not queue behind a long backlog: by the time they reserve, it may have changed.
     */
    public synchronized long backlogNanos() {
        long wait = earliestFree() - nanoTime.getAsLong();
        return wait > 0 ? wait : 0;
    }

    /** The earliest time a new slot may be booked for: after every booked slot and one spacing after the last action. */
    private long earliestFree() {
        return later(nextFreeSlot, lastActed + spacingNanos);
    }

    /** The later of two {@link #nanoTime} values, safe across overflow. */
    private static long later(long a, long b) {
        return a - b > 0 ? a : b;
    }

    public String name() {
        return name;
    }

    public int permitsPerSecond() {
        return permitsPerSecond;
    }

    /** The minimum distance between two booked slots. */
    public long spacingNanos() {
        return spacingNanos;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + name + ", " + permitsPerSecond + "/s, spacing " + spacingNanos + " ns]";
    }
}
