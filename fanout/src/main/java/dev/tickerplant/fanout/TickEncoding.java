package dev.tickerplant.fanout;

import io.netty.buffer.ByteBuf;

/**
 * Which of a tick's shared encodings a client gets: the native frame, the Advanced Trade ticker object (wrapped per
 * client, see {@link TickFraming}) or the Exchange frame. The ring consumer encodes each once per tick.
 */
enum TickEncoding {
    NATIVE,
    ADVANCED_TRADE,
    EXCHANGE;

    /** This encoding out of one batch entry's; null when the consumer did not make it (no such client then). */
    ByteBuf pick(ByteBuf nativeFrame, ByteBuf advancedTrade, ByteBuf exchange) {
        return switch (this) {
            case NATIVE -> nativeFrame;
            case ADVANCED_TRADE -> advancedTrade;
            case EXCHANGE -> exchange;
        };
    }
}
