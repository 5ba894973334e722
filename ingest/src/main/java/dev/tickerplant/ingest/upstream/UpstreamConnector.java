package dev.tickerplant.ingest.upstream;

/**
 * How a link gets its channel: the session decides <em>when</em> to connect, a connector does <em>how</em> (bootstrap,
 * TLS, WebSocket handshake). Production uses {@link WebSocketConnector}; a test can hand the link an
 * {@code EmbeddedChannel} instead and play the server itself.
 */
interface UpstreamConnector {

    /**
     * Starts opening a channel whose last handler is {@code link}, and {@link UpstreamLink#attach attaches} it. The
     * link hears the handshake's outcome as user events; {@code onClosed} runs exactly once, on the session's thread,
     * when that channel closes — whether it ever opened or not (a refused connect closes it too).
     */
    void connect(UpstreamLink link, Runnable onClosed);
}
