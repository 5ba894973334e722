package dev.tickerplant.socketio;

import dev.tickerplant.fanout.Encoding;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.ring.TickEvent;
import io.netty.buffer.ByteBuf;

/**
 * A tick as one WebSocket frame carrying the {@code ticker_update} event ({@link TickerUpdateJson}): nothing in it is
 * specific to a client, so the ring consumer encodes it once per tick and every Socket.IO client shares the frame.
 */
final class SocketIoEncoding implements Encoding {
    private final JsonBytes json = new JsonBytes(1024);

    @Override
    public String name() {
        return SocketIoPlugin.PROTOCOL;
    }

    @Override
    public void encode(TickEvent event, ByteBuf out) {
        json.reset();
        TickerUpdateJson.write(json, event.ticker, event.globalSeq, event.receivedEpochNanos);
        WebSocketFrames.appendText(out, json.array(), 0, json.length());
    }

    @Override
    public boolean completeFrames() {
        return true;
    }
}
