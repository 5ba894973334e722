package dev.tickerplant.fanout;

import io.netty.buffer.ByteBuf;

/**
 * How one client's ticks go on the wire when the shared encoding is not a complete frame by itself: an Advanced Trade
 * ticker needs the client's own envelope ({@code sequence_num}, {@code timestamp}). Called on the client's loop.
 */
interface TickFraming {
    /**
     * Appends the complete WebSocket frame carrying the shared encoding of a tick, {@code [index, index + length)} of
     * {@code source}. Allocation-free.
     */
    void write(ByteBuf source, int index, int length, ByteBuf out);

    /** A tick meant for this client was replaced by a newer one while the client was slow. */
    void dropped();
}
