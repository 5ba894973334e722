package dev.tickerplant.ingest.upstream;

/**
 * Closes a link that has read no frame for the watchdog timeout, and pings it every ping interval meanwhile, on the
 * session's {@link Timers}. The idea of Netty's {@code IdleStateHandler}, outside the pipeline: a frame only stamps
 * {@link UpstreamLink#lastFrameNanos()} (no task, no allocation); the check that runs at the deadline looks at that
 * stamp and, if a frame came since, waits again for just the remaining time.
 */
final class LinkWatchdog {
    private final Timers timers;
    private final UpstreamLink link;
    private final long timeoutNanos;
    private final long pingIntervalNanos;
    private final Runnable onSilence;
    private final Runnable check = this::check;
    private final Runnable ping = this::ping;
    private long startedNanos;

    /** @param onSilence runs once, when the link has been silent for {@code timeoutNanos}; it should close the link */
    LinkWatchdog(Timers timers, UpstreamLink link, long timeoutNanos, long pingIntervalNanos, Runnable onSilence) {
        this.timers = timers;
        this.link = link;
        this.timeoutNanos = timeoutNanos;
        this.pingIntervalNanos = pingIntervalNanos;
        this.onSilence = onSilence;
    }

    /** Silence counts from now (or the last frame, if later). Stops by itself once the link is closed. */
    void start() {
        startedNanos = timers.nanoTime();
        timers.schedule(check, timeoutNanos);
        timers.schedule(ping, pingIntervalNanos);
    }

    private void check() {
        if (!link.isOpen()) {
            return;
        }
        long lastFrame = link.lastFrameNanos();
        long heardAt = lastFrame - startedNanos > 0 ? lastFrame : startedNanos; // the later one, overflow-safe
        long remaining = timeoutNanos - (timers.nanoTime() - heardAt);
        if (remaining > 0) {
            timers.schedule(check, remaining);
        } else {
            onSilence.run();
        }
    }

    private void ping() {
        if (link.isOpen()) {
            link.ping();
            timers.schedule(ping, pingIntervalNanos);
        }
    }
}
