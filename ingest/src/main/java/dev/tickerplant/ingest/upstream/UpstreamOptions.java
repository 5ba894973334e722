package dev.tickerplant.ingest.upstream;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How every upstream connection behaves. Built once by the daemon from the validated settings.
 *
 * @param uri               the market-data WebSocket URL (ws or wss)
 * @param protocol          the Coinbase API spoken at {@code uri}
 * @param connectTimeout    TCP connect plus TLS and WebSocket handshake
 * @param subscribeTimeout  WebSocket open → ticker ack received, and keep-alive subscribe sent → its ack received
 * @param watchdogTimeout   no frame for this long on a subscribed connection → close and reconnect
 * @param pingInterval      WebSocket ping cadence, to keep middleboxes from dropping a quiet socket
 * @param backoffResetAfter streaming this long makes the next reconnect start from the initial delay again
 * @param maxFrameSize      largest upstream message accepted, in bytes
 * @param rotationTimeout   how long a make-before-break replacement may take to ack and deliver data
 */
public record UpstreamOptions(
        URI uri,
        CoinbaseProtocol protocol,
        Duration connectTimeout,
        Duration subscribeTimeout,
        Duration watchdogTimeout,
        Duration pingInterval,
        Duration backoffResetAfter,
        int maxFrameSize,
        Duration rotationTimeout) {

    public UpstreamOptions {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(protocol, "protocol");
        String scheme = uri.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("uri: " + uri + " (expected: a ws:// or wss:// URL)");
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("subscribeTimeout", subscribeTimeout);
        requirePositive("watchdogTimeout", watchdogTimeout);
        requirePositive("pingInterval", pingInterval);
        requirePositive("backoffResetAfter", backoffResetAfter);
        requirePositive("rotationTimeout", rotationTimeout);
        if (maxFrameSize < 1024) {
            throw new IllegalArgumentException("maxFrameSize: " + maxFrameSize + " (expected: >= 1024)");
        }
    }

    public boolean secure() {
        return "wss".equals(uri.getScheme());
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        int port = uri.getPort();
        return port != -1 ? port : secure() ? 443 : 80;
    }

    /** How the client speaks {@link #protocol}. */
    UpstreamDialect dialect() {
        return UpstreamDialect.of(protocol);
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
