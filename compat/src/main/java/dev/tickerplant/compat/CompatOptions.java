package dev.tickerplant.compat;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Coinbase-compatible endpoints behave where Coinbase leaves a choice to the server. Everything else (limits,
 * write buffers, slow-client handling) is the fanout server's and the same for every endpoint.
 *
 * @param jwtVerifier         when present, every Advanced Trade subscribe and unsubscribe must carry a token it
 *                            accepts ({@code authentication failure} otherwise); when empty, a {@code jwt} is ignored
 * @param heartbeatInterval   Advanced Trade {@code heartbeats} and Exchange {@code heartbeat} period (Coinbase: 1 s)
 * @param tickerBatchInterval Advanced Trade {@code ticker_batch} period (Coinbase: 5 s)
 */
public record CompatOptions(Optional<JwtVerifier> jwtVerifier, Duration heartbeatInterval,
                            Duration tickerBatchInterval) {
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TICKER_BATCH_INTERVAL = Duration.ofSeconds(5);

    public CompatOptions {
        Objects.requireNonNull(jwtVerifier, "jwtVerifier");
        require(heartbeatInterval, "heartbeatInterval");
        require(tickerBatchInterval, "tickerBatchInterval");
    }

    /** Coinbase's intervals; no JWT verification. */
    public static CompatOptions defaults() {
        return new CompatOptions(Optional.empty(), DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_TICKER_BATCH_INTERVAL);
    }

    public CompatOptions withJwtVerifier(JwtVerifier value) {
        return new CompatOptions(Optional.of(value), heartbeatInterval, tickerBatchInterval);
    }

    public CompatOptions withIntervals(Duration heartbeat, Duration tickerBatch) {
        return new CompatOptions(jwtVerifier, heartbeat, tickerBatch);
    }

    private static void require(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
