package dev.tickerplant.compat;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.fanout.Encoding;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.ring.TickEvent;
import io.netty.buffer.ByteBuf;

/** A tick as the Exchange {@code ticker} message: nothing in it is specific to a client, so one frame serves all. */
final class ExchangeEncoding implements Encoding {
    private final JsonBytes json = new JsonBytes(1024);

    @Override
    public String name() {
        return CoinbaseProtocol.EXCHANGE.key();
    }

    @Override
    public void encode(TickEvent event, ByteBuf out) {
        json.reset();
        ExchangeJson.writeTicker(json, event.ticker);
        WebSocketFrames.appendText(out, json.array(), 0, json.length());
    }

    @Override
    public boolean completeFrames() {
        return true;
    }
}
