package dev.tickerplant.socketio;

import dev.tickerplant.fanout.EndpointClient;
import dev.tickerplant.fanout.EndpointSession;
import dev.tickerplant.fanout.PluginLoop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * The Socket.IO endpoint's share of one fanout event loop: its clients there, to which it forwards the loop's volume
 * alerts and status messages as events, each re-framed once for all of them. Ticks need nothing here: they are the
 * shared {@code ticker_update} frames the fanout delivers itself.
 */
final class SocketIoLoop implements PluginLoop {
    private final SocketIoOptions options;
    private final EngineSessions sessions;
    private final List<SocketIoClient> clients = new ArrayList<>();

    SocketIoLoop(SocketIoOptions options, EngineSessions sessions) {
        this.options = options;
        this.sessions = sessions;
    }

    @Override
    public EndpointClient open(EndpointSession session) {
        SocketIoClient client = new SocketIoClient(session, options, sessions, this);
        clients.add(client);
        return client;
    }

    void remove(SocketIoClient client) {
        clients.remove(client);
    }

    @Override
    public void onTicker(int product, long seq, long sequence, long tradeId, ByteBuf source, int index, int length) {
    }

    @Override
    public void onAlert(int product, long seq, ByteBuf source, int index, int length) {
        ByteBuf frame = null;
        for (SocketIoClient c : clients) {
            if (c.wantsAlert(product)) {
                if (frame == null) {
                    frame = ForwardedEvents.event(ForwardedEvents.VOLUME_ALERT, source, index, length,
                            ByteBufAllocator.DEFAULT);
                }
                c.forward(frame);
            }
        }
        if (frame != null) {
            frame.release();
        }
    }

    @Override
    public void onStatus(ByteBuf frame, int[] products) {
        ByteBuf event = null;
        for (SocketIoClient c : clients) {
            if (c.wantsStatus(products)) {
                if (event == null) {
                    event = ForwardedEvents.event(ForwardedEvents.STATUS, frame, frame.readerIndex(),
                            frame.readableBytes(), ByteBufAllocator.DEFAULT);
                }
                c.forward(event);
            }
        }
        if (event != null) {
            event.release();
        }
    }
}
