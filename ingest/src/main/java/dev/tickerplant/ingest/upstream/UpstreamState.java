package dev.tickerplant.ingest.upstream;

/** Lifecycle of one upstream connection. Only {@link UpstreamSession#state} moves between these. */
public enum UpstreamState {
    /** Created, not started yet. */
    IDLE,
    /** Waiting for a connect permit, connecting, or doing the TLS / WebSocket handshake. */
    CONNECTING,
    /** WebSocket open; the ticker subscribe sent or scheduled, waiting for the {@code subscriptions} ack. */
    SUBSCRIBING,
    /**
     * The ack lists the ticker channel: ticks are flowing into the ring. The only state that counts as connected. The
     * keep-alive subscribe may still be waiting for a slot behind other connections' ticker subscribes.
     */
    STREAMING,
    /** The link closed; a reconnect is scheduled after a jittered delay. */
    BACKOFF,
    /** Stopped for good (daemon shutdown). */
    CLOSED
}
