package dev.tickerplant.socketio;

import java.time.Duration;
import java.util.Objects;

/**
 * What the Socket.IO endpoint tells its clients in the Engine.IO handshake, and holds them to.
 *
 * @param pingInterval how often the server pings each client (Engine.IO default 25 s)
 * @param pingTimeout  how long a client has to answer a ping before it is closed (Engine.IO default 20 s)
 * @param maxPayload   the largest HTTP long-polling body a client may send, in bytes (Engine.IO default 1 000 000)
 */
public record SocketIoOptions(Duration pingInterval, Duration pingTimeout, int maxPayload) {
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(25);
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_PAYLOAD = 1_000_000;

    public SocketIoOptions {
        requirePositive(pingInterval, "pingInterval");
        requirePositive(pingTimeout, "pingTimeout");
        if (maxPayload < 1) {
            throw new IllegalArgumentException("maxPayload: " + maxPayload + " (expected: >= 1)");
        }
    }

    /** Engine.IO's defaults. */
    public static SocketIoOptions defaults() {
        return new SocketIoOptions(DEFAULT_PING_INTERVAL, DEFAULT_PING_TIMEOUT, DEFAULT_MAX_PAYLOAD);
    }

    public SocketIoOptions withPing(Duration interval, Duration timeout) {
        return new SocketIoOptions(interval, timeout, maxPayload);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
