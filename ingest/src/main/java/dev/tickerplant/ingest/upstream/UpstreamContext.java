package dev.tickerplant.ingest.upstream;

import dev.tickerplant.ingest.ring.TickRing;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What all upstream sessions share: options, the subscribe scheduler (the two IP-wide rate limiters), the backoff
 * policy, the ring, the clocks and the reconnect-storm log throttle. How to connect is each session's
 * {@link UpstreamConnector}.
 */
final class UpstreamContext {
    private static final Logger log = LoggerFactory.getLogger(UpstreamSession.class);

    private final UpstreamOptions options;
    private final SubscribeScheduler subscribeScheduler;
    private final Backoff backoff;
    private final TickRing ring;
    private final Supplier<String> jwt;
    private final LongSupplier nanoTime;
    private final LongSupplier epochNanos;
    private final LogThrottle reconnectThrottle = new LogThrottle();

    UpstreamContext(UpstreamOptions options, SubscribeScheduler subscribeScheduler, Backoff backoff, TickRing ring,
                    Supplier<String> jwt, LongSupplier nanoTime, LongSupplier epochNanos) {
        this.options = options;
        this.subscribeScheduler = subscribeScheduler;
        this.backoff = backoff;
        this.ring = ring;
        this.jwt = jwt;
        this.nanoTime = nanoTime;
        this.epochNanos = epochNanos;
    }

    UpstreamOptions options() {
        return options;
    }

    /** Paces every session's connects and subscribe messages under the per-IP limits. */
    SubscribeScheduler subscribeScheduler() {
        return subscribeScheduler;
    }

    Backoff backoff() {
        return backoff;
    }

    TickRing ring() {
        return ring;
    }

    /** Mints a fresh JWT per call, or returns null when no credentials are configured. */
    Supplier<String> jwt() {
        return jwt;
    }

    long nanoTime() {
        return nanoTime.getAsLong();
    }

    long epochNanos() {
        return epochNanos.getAsLong();
    }

    /**
     * A mass disconnect (an exchange deploy closes every socket) would otherwise print a WARN per connection per
     * attempt: the first one is a WARN, the rest of the storm goes to INFO with a count at the next WARN.
     */
    void logReconnect(String line) {
        boolean warn;
        int suppressed;
        synchronized (reconnectThrottle) { // keeps the check and the count together across event loops
            warn = reconnectThrottle.shouldWarn(nanoTime());
            suppressed = warn ? reconnectThrottle.takeSuppressedCount() : 0;
        }
        if (warn) {
            log.warn("{}{}", line, suppressed > 0 ? " (" + suppressed + " similar since the last warning)" : "");
        } else {
            log.info(line);
        }
    }
}
