package dev.tickerplant.ingest.upstream;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A non-blocking pacer shared by all upstream connections, for limits Coinbase counts per IP (8 connection opens/s,
 * 8 unauthenticated subscribe messages/s).
 *
 * <p>Callers run on Netty event loops and must never wait here. {@link #reserve()} books the next free slot of a
 * schedule and returns how long the caller must wait before acting; the caller schedules its action after that delay
 * on its own event loop.
 *
 * <p><b>Guarantee:</b> booked slots are at least {@link #spacingNanos()} apart, with
 * {@code spacing = ceil(1 s × 1.05 / permitsPerSecond)}. So {@code k} slots span at least {@code (k − 1) × spacing},
 * and any closed 1-second window of booked times holds at most {@code permitsPerSecond} of them.
 *
 * <p><b>Why a 5 % margin rather than exactly 1/N s:</b> with exact spacing, N + 1 slots fit into a closed 1 s window,
 * and an action never runs before its slot but often runs a little after it (event-loop latency, GC, the network on
 * the way to the server). Late-then-on-time pairs compress the spacing the server observes. Stretching the schedule by
 * 5 % gives {@code N × spacing × 0.05} of slack per window (about 50 ms at 8/s) before the server could count N + 1,
 * for a 5 % loss of throughput. Spacing evenly instead of letting N permits go at once also keeps bursts — where
 * jitter hurts most — out of the schedule; the cost is that an idle limiter still spaces its first permits.
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
    /** The earliest time the next permit may be booked for, in {@link #nanoTime} units. */
    private final AtomicLong nextFreeSlot;

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
        this.nextFreeSlot = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * Books the next free slot. Never blocks; safe from any thread.
     *
     * @return nanoseconds from now until the booked slot; 0 means act now
     */
    public long reserve() {
        while (true) {
            long now = nanoTime.getAsLong();
            long next = nextFreeSlot.get();
            long slot = next - now > 0 ? next : now; // max(now, next), safe across nanoTime overflow
            if (nextFreeSlot.compareAndSet(next, slot + spacingNanos)) {
                return slot - now;
            }
        }
    }

    /**
     * Books a slot only if one is free right now; never books a future slot. For messages that should yield to
     * everything booked with {@link #reserve()}: whatever is queued goes first, and a permit booked later waits at
     * most one spacing for this one. The same guarantee as {@link #reserve()} holds for any mix of the two. Never
     * blocks; safe from any thread.
     *
     * @return true when a slot was booked for now (act at once); false when none is free, in which case nothing was
     *         booked and {@link #backlogNanos()} tells when to try again
     */
    public boolean tryReserveNow() {
        while (true) {
            long now = nanoTime.getAsLong();
            long next = nextFreeSlot.get();
            if (next - now > 0) {
                return false;
            }
            if (nextFreeSlot.compareAndSet(next, now + spacingNanos)) {
                return true;
            }
        }
    }

    /**
     * How long a permit reserved now would wait, without booking one; 0 when the schedule is idle. A hint for
     * callers that would rather not queue behind a long backlog: by the time they reserve, it may have changed.
     */
    public long backlogNanos() {
        long wait = nextFreeSlot.get() - nanoTime.getAsLong();
        return wait > 0 ? wait : 0;
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
