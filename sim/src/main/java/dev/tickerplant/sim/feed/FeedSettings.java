package dev.tickerplant.sim.feed;

import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Validated settings of the WebSocket/REST server.
 *
 * @param host                          address to bind
 * @param port                          port to bind; 0 picks a free one
 * @param sslContext                    serves wss/https when set, ws/http when null
 * @param subscribeTimeout              a connection without a valid subscribe by then is closed
 * @param maxConnectionsPerSecond       WebSocket upgrades accepted per client IP in any sliding second
 * @param maxSubscribeMessagesPerSecond subscribe/unsubscribe messages per client IP in any sliding second
 * @param heartbeatInterval             period of Advanced Trade {@code heartbeats} and Exchange {@code heartbeat}
 * @param tickerBatchInterval           period of {@code ticker_batch} frames
 * @param omitClientId                  leave {@code client_id} out of Advanced Trade envelopes, as some live frames do
 * @param heartbeatCounterAsString      send {@code heartbeat_counter} as a string, as the docs show it
 * @param intendedTimestamps            Advanced Trade ticker updates carry their trade's time as the envelope
 *                                      {@code timestamp} (a constant schedule's intended send time) instead of the
 *                                      time the frame was encoded
 * @param jwtVerifier                   decides whether a {@code jwt} in an Advanced Trade subscribe is valid
 * @param clock                         wall clock for timestamps
 * @param nanoTime                      monotonic clock for uptime and rate windows
 * @param workerThreads                 event-loop threads serving connections
 */
public record FeedSettings(
        String host,
        int port,
        SslContext sslContext,
        Duration subscribeTimeout,
        int maxConnectionsPerSecond,
        int maxSubscribeMessagesPerSecond,
        SubscribeRateAction subscribeRateAction,
        Duration heartbeatInterval,
        Duration tickerBatchInterval,
        boolean omitClientId,
        boolean heartbeatCounterAsString,
        boolean intendedTimestamps,
        Predicate<String> jwtVerifier,
        Clock clock,
        LongSupplier nanoTime,
        int workerThreads) {

    public FeedSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535, 0 for any free port)");
        }
        requirePositive("subscribeTimeout", subscribeTimeout);
        if (maxConnectionsPerSecond < 1) {
            throw new IllegalArgumentException("maxConnectionsPerSecond: " + maxConnectionsPerSecond + " (expected: >= 1)");
        }
        if (maxSubscribeMessagesPerSecond < 1) {
            throw new IllegalArgumentException("maxSubscribeMessagesPerSecond: " + maxSubscribeMessagesPerSecond
                    + " (expected: >= 1)");
        }
        Objects.requireNonNull(subscribeRateAction, "subscribeRateAction");
        requirePositive("heartbeatInterval", heartbeatInterval);
        requirePositive("tickerBatchInterval", tickerBatchInterval);
        Objects.requireNonNull(jwtVerifier, "jwtVerifier");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nanoTime, "nanoTime");
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads: " + workerThreads + " (expected: >= 1)");
        }
    }

    /** True for a JWT-shaped token: three non-empty base64url segments separated by dots. */
    public static boolean wellFormedJwt(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || !part.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '=')) {
                return false;
            }
        }
        return true;
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
