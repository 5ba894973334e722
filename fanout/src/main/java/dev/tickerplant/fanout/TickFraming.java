package dev.tickerplant.fanout;

import io.netty.buffer.ByteBuf;

/**
 * How one client's ticks go on the wire when its {@link Encoding} is not a complete frame by itself, e.g. a per-client
 * envelope with the client's own sequence number around a shared payload. Called on the client's loop.
 */
public interface TickFraming {
    /**
     * Appends the complete WebSocket frame carrying the shared encoding of a tick, {@code [index, index + length)} of
     * {@code source}. Allocation-free.
     */
    void write(ByteBuf source, int index, int length, ByteBuf out);

    /** A tick meant for this client was replaced by a newer one while the client was slow. */
    void dropped();
}
