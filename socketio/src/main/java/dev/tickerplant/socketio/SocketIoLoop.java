package dev.tickerplant.socketio;

import dev.tickerplant.fanout.EndpointClient;
import dev.tickerplant.fanout.EndpointSession;
import dev.tickerplant.fanout.PluginClients;
import dev.tickerplant.fanout.PluginLoop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Socket.IO endpoint's share of one fanout event loop: its WebSocket clients there, to which it forwards the
 * loop's volume alerts and status messages as events, each re-framed once for all of them, and its long-polling
 * sessions, which get the ticks, alerts and status they follow as packet texts made once per event for all of them.
 * WebSocket clients need nothing here for ticks: they get the shared {@code ticker_update} frames from the fanout.
 */
final class SocketIoLoop implements PluginLoop {
    private final SocketIoOptions options;
    private final EngineSessions sessions;
    private final PluginClients counted;
    private final List<SocketIoClient> clients = new ArrayList<>();
    private final List<PollingSession> polling = new ArrayList<>();

    /** @param counted the server's count of clients without a WebSocket, which polling sessions take a slot of */
    SocketIoLoop(SocketIoOptions options, EngineSessions sessions, PluginClients counted) {
        this.options = options;
        this.sessions = sessions;
        this.counted = counted;
    }

    PluginClients counted() {
        return counted;
    }

    void attach(PollingSession session) {
        polling.add(session);
    }

    void detach(PollingSession session) {
        polling.remove(session);
    }

    /**
     * The native frame {@code [index, index + length)} as the event {@code name} to each connected polling session
     * that follows it.
     */
    private void offerPolling(String name, ByteBuf source, int index, int length, Predicate<PollingSession> follows) {
        String packet = null;
        for (int i = polling.size() - 1; i >= 0; i--) { // backwards: a session may end and leave
            PollingSession s = polling.get(i);
            if (s.connected() && follows.test(s)) {
                if (packet == null) {
                    packet = EnginePackets.message(ForwardedEvents.eventText(name, source, index, length));
                }
                s.offerEvent(packet);
            }
        }
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
        if (index < 0 || polling.isEmpty()) {
            return; // allocation-free while no polling session is open here
        }
        String packet = null;
        for (int i = polling.size() - 1; i >= 0; i--) { // backwards: a session may end and leave
            PollingSession s = polling.get(i);
            if (s.connected() && s.wantsTicker(product)) {
                if (packet == null) {
                    packet = ForwardedEvents.packetText(source, index, length);
                }
                s.offerTicker(product, seq, packet);
            }
        }
    }

    @Override
    public void onAlert(int product, long seq, ByteBuf source, int index, int length) {
        offerPolling(ForwardedEvents.VOLUME_ALERT, source, index, length, s -> s.wantsAlert(product));
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
        offerPolling(ForwardedEvents.STATUS, frame, frame.readerIndex(), frame.readableBytes(),
                s -> s.wantsStatus(products));
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
