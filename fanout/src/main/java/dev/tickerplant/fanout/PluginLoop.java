package dev.tickerplant.fanout;

import io.netty.buffer.ByteBuf;

/**
 * A plug-in's share of one fanout event loop ({@link EndpointPlugin#newLoop()}): state its clients on that loop share,
 * kept up to date from the ticks the loop dispatches, and the factory of those clients. Confined to its loop.
 */
public interface PluginLoop {
    /**
     * A ticker this loop dispatched, to whichever of its clients wanted it; called for every ticker, in seq order.
     * Its bytes in the plug-in's encoding are {@code [index, index + length)} of {@code source}, valid during the call
     * only; {@code index} is -1 when the consumer did not encode it (no client of the plug-in was connected).
     * {@code sequence} and {@code tradeId} are the source's own ids of the tick, -1 when it has none. Must not
     * allocate.
     */
    void onTicker(int product, long seq, long sequence, long tradeId, ByteBuf source, int index, int length);

    /**
     * A volume alert this loop dispatched: {@code [index, index + length)} of {@code source} is one complete text frame
     * of the native protocol's {@code volume_alert} message, valid during the call only. Alerts reach a plug-in's
     * clients only through this; the default ignores them.
     */
    default void onAlert(int product, long seq, ByteBuf source, int index, int length) {
    }

    /**
     * An upstream connection or product went stale or recovered: {@code frame} is one complete text frame of the
     * native {@code status} message about {@code products}, valid (not retained) during the call only. Status reaches
     * a plug-in's clients only through this; the default ignores it.
     */
    default void onStatus(ByteBuf frame, int[] products) {
    }

    /** The protocol half of a client that just connected to this loop; see {@link EndpointClient}. */
    EndpointClient open(EndpointSession session);

    /** The server is closing: release what this loop's share holds. */
    default void close() {
    }
}
