package dev.tickerplant.ingest.upstream;

import java.util.Objects;

/**
 * One connection's position in its {@link Backoff} schedule: how many delays it has taken since the last reset.
 *
 * <p>Deliberately policy-free: the session decides when a connection counts as healthy again and calls
 * {@link #reset()} then. For us that is when a link closes after it had been streaming — acked by the
 * {@code subscriptions} message, not merely connected — for at least {@code backoffResetAfter} (60 s by default); a
 * connection that flaps right after its ack keeps backing off.
 *
 * <p>Not thread-safe: owned by the connection's event loop.
 */
public final class BackoffState {

    private final Backoff backoff;
    private int attempts;

    public BackoffState(Backoff backoff) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /** The delay before the next attempt, in nanoseconds; advances the attempt counter. */
    public long nextDelayNanos() {
        long delay = backoff.delayNanos(attempts);
        if (attempts < Integer.MAX_VALUE) {
            attempts++;
        }
        return delay;
    }

    /** Back to the first, shortest delay. */
    public void reset() {
        attempts = 0;
    }

    /** Delays taken since construction or the last {@link #reset()}. */
    public int attempts() {
        return attempts;
    }

    @Override
    public String toString() {
        return "BackoffState[attempts=" + attempts + ", " + backoff + "]";
    }
}
