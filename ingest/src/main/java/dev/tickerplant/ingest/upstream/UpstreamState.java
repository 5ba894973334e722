package dev.tickerplant.ingest.upstream;

/** Lifecycle of one upstream connection. Only {@link UpstreamSession#state} moves between these. */
public enum UpstreamState {
    /** Created, not started yet. */
    IDLE,
    /** Waiting for a connect permit, connecting, or doing the TLS / WebSocket handshake. */
    CONNECTING,
    /** WebSocket open; subscribe messages sent or scheduled, waiting for the {@code subscriptions} ack. */
    SUBSCRIBING,
    /** Ack received: ticks are flowing into the ring. The only state that counts as connected. */
    STREAMING,
    /** The link closed; a reconnect is scheduled after a jittered delay. */
    BACKOFF,
    /** Stopped for good (daemon shutdown). */
    CLOSED
}
