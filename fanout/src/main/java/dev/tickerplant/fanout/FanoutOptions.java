package dev.tickerplant.fanout;

import dev.tickerplant.fanout.security.AccessRules;
import dev.tickerplant.transport.Transport;
import java.time.Duration;
import java.util.Objects;

/**
 * How the downstream server runs. The daemon maps its settings onto this record, so fanout does not depend on config;
 * the defaults here are the settings' defaults.
 *
 * @param host                where to listen
 * @param port                TCP port; 0 picks a free one ({@link FanoutServer#port()} tells which)
 * @param workerThreads       event loops serving clients
 * @param maxClients          WebSocket clients at once; the next one is closed with 1013
 * @param maxSubscriptions    (channel, product) subscriptions per client; {@code "*"} counts as one per channel
 * @param commandsPerSecond   per client, as a token bucket holding one second's worth
 * @param maxCommandBytes     largest client message; larger closes the connection with 1009
 * @param heartbeatInterval   heartbeat messages and pings; 2.5 intervals of client silence close with 4002
 * @param slowClientTimeout   unwritable this long closes with 4001
 * @param writeBufferLow      writable again below this many queued bytes
 * @param writeBufferHigh     unwritable (conflating) above this many queued bytes
 * @param historySize         ticks kept for {@code since_seq}; a power of two
 * @param windowMinutes       volume-alert window
 * @param volumeThreshold     alert when a window's volume exceeds this multiple of the recent average
 * @param access              bearer token, connections per address and allowed origins of the guarded endpoints
 * @param transport           the server's event loops and channel classes
 * @param flushLinger         least time between two flushes of an event loop's clients; 0 flushes every loop turn
 * @param httpRequestTimeout  a request (headers and body) must arrive whole within this, counted from the connection's
 *                            opening or the request's first byte, and a WebSocket upgrade must complete within it
 * @param webSocketCompression permessage-deflate (RFC 7692) for the WebSocket clients that offer it
 */
public record FanoutOptions(String host, int port, int workerThreads, int maxClients, int maxSubscriptions,
                            int commandsPerSecond, int maxCommandBytes, Duration heartbeatInterval,
                            Duration slowClientTimeout, int writeBufferLow, int writeBufferHigh, int historySize,
                            int windowMinutes, double volumeThreshold, AccessRules access, Transport transport,
                            Duration flushLinger, Duration httpRequestTimeout, boolean webSocketCompression) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    public static final int DEFAULT_WORKER_THREADS = 2;
    public static final int DEFAULT_MAX_CLIENTS = 1000;
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 1000;
    public static final int DEFAULT_COMMANDS_PER_SECOND = 20;
    public static final int DEFAULT_MAX_COMMAND_BYTES = 64 * 1024;
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SLOW_CLIENT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_WRITE_BUFFER_LOW = 32 * 1024;
    public static final int DEFAULT_WRITE_BUFFER_HIGH = 64 * 1024;
    public static final int DEFAULT_HISTORY_SIZE = 8_192;
    public static final int DEFAULT_WINDOW_MINUTES = 5;
    public static final double DEFAULT_VOLUME_THRESHOLD = 3.0;
    public static final Duration DEFAULT_FLUSH_LINGER = Duration.ZERO;
    public static final Duration MAX_FLUSH_LINGER = Duration.ofMillis(100);
    public static final Duration DEFAULT_HTTP_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final boolean DEFAULT_WEBSOCKET_COMPRESSION = true;

    public FanoutOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(slowClientTimeout, "slowClientTimeout");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(flushLinger, "flushLinger");
        Objects.requireNonNull(httpRequestTimeout, "httpRequestTimeout");
        require(!host.isBlank(), "host", "\"" + host + "\"", "a host name or address");
        require(port >= 0 && port <= 65535, "port", port, ">= 0 and <= 65535");
        require(workerThreads >= 1, "workerThreads", workerThreads, ">= 1");
        require(maxClients >= 1, "maxClients", maxClients, ">= 1");
        require(maxSubscriptions >= 1, "maxSubscriptions", maxSubscriptions, ">= 1");
        require(commandsPerSecond >= 1, "commandsPerSecond", commandsPerSecond, ">= 1");
        require(maxCommandBytes >= 256, "maxCommandBytes", maxCommandBytes, ">= 256");
        require(isPositive(heartbeatInterval), "heartbeatInterval", heartbeatInterval, "> 0");
        require(isPositive(slowClientTimeout), "slowClientTimeout", slowClientTimeout, "> 0");
        require(writeBufferLow >= 1, "writeBufferLow", writeBufferLow, ">= 1");
        require(writeBufferHigh >= writeBufferLow, "writeBufferHigh", writeBufferHigh,
                ">= writeBufferLow (" + writeBufferLow + ")");
        require(historySize >= 2 && Integer.bitCount(historySize) == 1, "historySize", historySize,
                "a power of two >= 2");
        require(windowMinutes >= 1, "windowMinutes", windowMinutes, ">= 1");
        require(volumeThreshold > 0, "volumeThreshold", volumeThreshold, "> 0");
        require(!flushLinger.isNegative() && flushLinger.compareTo(MAX_FLUSH_LINGER) <= 0, "flushLinger", flushLinger,
                ">= 0 and <= " + MAX_FLUSH_LINGER.toMillis() + " ms");
        require(isPositive(httpRequestTimeout), "httpRequestTimeout", httpRequestTimeout, "> 0");
    }

    /**
     * Everything but the flush linger, the HTTP request timeout and compression, which get
     * {@link #DEFAULT_FLUSH_LINGER}, {@link #DEFAULT_HTTP_REQUEST_TIMEOUT} and {@link #DEFAULT_WEBSOCKET_COMPRESSION}.
     */
    public FanoutOptions(String host, int port, int workerThreads, int maxClients, int maxSubscriptions,
                         int commandsPerSecond, int maxCommandBytes, Duration heartbeatInterval,
                         Duration slowClientTimeout, int writeBufferLow, int writeBufferHigh, int historySize,
                         int windowMinutes, double volumeThreshold, AccessRules access, Transport transport) {
        this(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond, maxCommandBytes,
                heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize, windowMinutes,
                volumeThreshold, access, transport, DEFAULT_FLUSH_LINGER, DEFAULT_HTTP_REQUEST_TIMEOUT,
                DEFAULT_WEBSOCKET_COMPRESSION);
    }

    public static FanoutOptions defaults() {
        return new FanoutOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_WORKER_THREADS, DEFAULT_MAX_CLIENTS,
                DEFAULT_MAX_SUBSCRIPTIONS, DEFAULT_COMMANDS_PER_SECOND, DEFAULT_MAX_COMMAND_BYTES,
                DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_SLOW_CLIENT_TIMEOUT, DEFAULT_WRITE_BUFFER_LOW,
                DEFAULT_WRITE_BUFFER_HIGH, DEFAULT_HISTORY_SIZE, DEFAULT_WINDOW_MINUTES, DEFAULT_VOLUME_THRESHOLD,
                AccessRules.defaults(), Transport.forThisProcess(), DEFAULT_FLUSH_LINGER,
                DEFAULT_HTTP_REQUEST_TIMEOUT, DEFAULT_WEBSOCKET_COMPRESSION);
    }

    /**
     * Everything but access, which gets {@link AccessRules#defaults()} (no token, any origin), transport, which gets
     * {@link Transport#forThisProcess()}, the flush linger, the HTTP request timeout and compression.
     */
    public FanoutOptions(String host, int port, int workerThreads, int maxClients, int maxSubscriptions,
                         int commandsPerSecond, int maxCommandBytes, Duration heartbeatInterval,
                         Duration slowClientTimeout, int writeBufferLow, int writeBufferHigh, int historySize,
                         int windowMinutes, double volumeThreshold) {
        this(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond, maxCommandBytes,
                heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize, windowMinutes,
                volumeThreshold, AccessRules.defaults(), Transport.forThisProcess(), DEFAULT_FLUSH_LINGER,
                DEFAULT_HTTP_REQUEST_TIMEOUT, DEFAULT_WEBSOCKET_COMPRESSION);
    }

    /** Clients silent (no frame, no pong) this long are closed: 2.5 heartbeat intervals. */
    public Duration idleTimeout() {
        return heartbeatInterval.multipliedBy(5).dividedBy(2);
    }

    public FanoutOptions withHost(String value) {
        return new FanoutOptions(value, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withPort(int value) {
        return new FanoutOptions(host, value, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withWorkerThreads(int value) {
        return new FanoutOptions(host, port, value, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withMaxClients(int value) {
        return new FanoutOptions(host, port, workerThreads, value, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withMaxSubscriptions(int value) {
        return new FanoutOptions(host, port, workerThreads, maxClients, value, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withCommandsPerSecond(int value) {
        return new FanoutOptions(host, port, workerThreads, maxClients, maxSubscriptions, value,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withMaxCommandBytes(int value) {
        return new FanoutOptions(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                value, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withHeartbeatInterval(Duration value) {
        return new FanoutOptions(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, value, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withSlowClientTimeout(Duration value) {
        return new FanoutOptions(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, value, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withWriteBuffer(int low, int high) {
        return new FanoutOptions(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, low, high, historySize,
                windowMinutes, volumeThreshold, access, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withHistorySize(int value) {
        return new FanoutOptions(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, value,
                windowMinutes, volumeThreshold, access, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withVolumeAlerts(int minutes, double threshold) {
        return new FanoutOptions(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                minutes, threshold, access, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withAccess(AccessRules value) {
        return new FanoutOptions(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, value, transport, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withTransport(Transport value) {
        return new FanoutOptions(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, value, flushLinger, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withFlushLinger(Duration value) {
        return new FanoutOptions(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, transport, value, httpRequestTimeout,
                webSocketCompression);
    }

    public FanoutOptions withHttpRequestTimeout(Duration value) {
        return new FanoutOptions(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, transport, flushLinger, value,
                webSocketCompression);
    }

    public FanoutOptions withWebSocketCompression(boolean value) {
        return new FanoutOptions(host, port, workerThreads, maxClients, maxSubscriptions, commandsPerSecond,
                maxCommandBytes, heartbeatInterval, slowClientTimeout, writeBufferLow, writeBufferHigh, historySize,
                windowMinutes, volumeThreshold, access, transport, flushLinger, httpRequestTimeout, value);
    }

    private static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String name, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
        }
    }
}
