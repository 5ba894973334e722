package dev.tickerplant.fanout;

/**
 * The protocol half of one plug-in endpoint's client, on top of its {@link EndpointSession}, which carries its ticks,
 * limits, conflation and figures like any client's. Everything is called on the client's event loop.
 */
public interface EndpointClient {
    /** A text message from the client. */
    void onText(byte[] text);

    /** A binary message from the client. */
    void onBinary();

    /** The connection closed; nothing can be sent any more. */
    void onClosed();

    /**
     * How this client's ticks are framed when its plug-in's encoding is not complete frames
     * ({@link Encoding#completeFrames()}); null when it is.
     */
    default TickFraming framing() {
        return null;
    }
}
