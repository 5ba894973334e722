package dev.tickerplant.ingest.upstream;

import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.transport.Transport;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What all upstream sessions share: options, TLS context, transport, the two IP-wide rate limiters, the ring, the
 * clocks, the count of sessions still connecting and the reconnect-storm log throttle.
 */
final class UpstreamContext {
    private static final Logger log = LoggerFactory.getLogger(UpstreamSession.class);

    private final UpstreamOptions options;
    private final SslContext sslContext;
    private final Transport transport;
    private final RateLimiter connectLimiter;
    private final RateLimiter subscribeLimiter;
    private final Backoff backoff;
    private final TickRing ring;
    private final Supplier<String> jwt;
    private final LongSupplier nanoTime;
    private final LongSupplier epochNanos;
    private final LogThrottle reconnectThrottle = new LogThrottle();
    private final AtomicInteger connecting = new AtomicInteger();

    UpstreamContext(UpstreamOptions options, SslContext sslContext, Transport transport, RateLimiter connectLimiter,
                    RateLimiter subscribeLimiter, Backoff backoff, TickRing ring, Supplier<String> jwt,
                    LongSupplier nanoTime, LongSupplier epochNanos) {
        this.options = options;
        this.sslContext = sslContext;
        this.transport = transport;
        this.connectLimiter = connectLimiter;
        this.subscribeLimiter = subscribeLimiter;
        this.backoff = backoff;
        this.ring = ring;
        this.jwt = jwt;
        this.nanoTime = nanoTime;
        this.epochNanos = epochNanos;
    }

    UpstreamOptions options() {
        return options;
    }

    /** Null for plain ws:// URLs. */
    SslContext sslContext() {
        return sslContext;
    }

    /** The conductor's event loops are of this transport, so every link's channel must be too. */
    Transport transport() {
        return transport;
    }

    RateLimiter connectLimiter() {
        return connectLimiter;
    }

    RateLimiter subscribeLimiter() {
        return subscribeLimiter;
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
