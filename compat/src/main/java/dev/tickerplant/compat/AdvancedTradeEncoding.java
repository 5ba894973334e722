package dev.tickerplant.compat;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.fanout.Encoding;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.ingest.ring.TickEvent;
import io.netty.buffer.ByteBuf;

/**
 * A tick as the Advanced Trade ticker object, encoded once on the ring consumer; each client writes its own envelope
 * ({@code sequence_num}, {@code timestamp}) around it, so this is a payload, not a frame.
 */
final class AdvancedTradeEncoding implements Encoding {
    private final JsonBytes json = new JsonBytes(1024);

    @Override
    public String name() {
        return CoinbaseProtocol.ADVANCED_TRADE.key();
    }

    @Override
    public void encode(TickEvent event, ByteBuf out) {
        json.reset();
        AdvancedTradeJson.writeTicker(json, event.ticker);
        out.writeBytes(json.array(), 0, json.length());
    }

    @Override
    public boolean completeFrames() {
        return false;
    }
}
