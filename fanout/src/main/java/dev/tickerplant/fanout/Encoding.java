package dev.tickerplant.fanout;

import dev.tickerplant.ingest.ring.TickEvent;
import io.netty.buffer.ByteBuf;

/**
 * How a tick becomes bytes for the clients of one plug-in endpoint ({@link EndpointPlugin#encoding()}). The ring
 * consumer encodes each tick once per encoding that has a client connected, onto the end of that encoding's shared
 * buffer for the batch; the fanout loops hand slices of it to the clients. The native encoding is the server's own.
 */
public interface Encoding {
    /** For logs, e.g. {@code exchange}. */
    String name();

    /**
     * Appends the tick's bytes to {@code out}. Called on the ring consumer thread for every tick while a client of
     * this encoding is connected: it must not allocate, block or keep {@code event}, which is reused.
     */
    void encode(TickEvent event, ByteBuf out);

    /**
     * True when {@link #encode} appends one complete WebSocket frame that every client gets as it is; false when it
     * appends a payload that each client's {@link TickFraming} wraps in a frame of its own.
     */
    boolean completeFrames();
}
