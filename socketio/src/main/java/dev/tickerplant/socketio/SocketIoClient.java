package dev.tickerplant.socketio;

import dev.tickerplant.fanout.protocol.UntrustedText;
import dev.tickerplant.fanout.EndpointClient;
import dev.tickerplant.fanout.EndpointSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Socket.IO client on a WebSocket: either opened directly ({@code transport=websocket}, no sid: the Engine.IO
 * handshake happens here) or upgrading a polling session ({@code sid=...}: {@code 2probe} → {@code 3probe}, then
 * {@code 5} takes the session's state over, its subscriptions included). Then Engine.IO pings, the Socket.IO CONNECT,
 * and the {@code subscribe} and {@code unsubscribe} events with their acks ({@link SocketIoEvents}, as on polling);
 * ticks arrive through the fanout session as shared {@code ticker_update} frames. On the client's loop.
 */
final class SocketIoClient implements EndpointClient {
    private static final Logger log = LoggerFactory.getLogger(SocketIoClient.class);
    /** Private-use close code: the client broke the Engine.IO or Socket.IO protocol. */
    static final int PROTOCOL_ERROR = 4400;

    private final EndpointSession session;
    private final SocketIoOptions options;
    private final EngineSessions sessions;
    private final SocketIoLoop loop;
    private final SocketIoEvents events;
    private final Subscriptions subscriptions;
    private PollingSession upgrading;
    private boolean open;
    private String socketSid;
    private long pongNanos;
    private ScheduledFuture<?> pings;

    SocketIoClient(EndpointSession session, SocketIoOptions options, EngineSessions sessions, SocketIoLoop loop) {
        this.session = session;
        this.options = options;
        this.sessions = sessions;
        this.loop = loop;
        this.events = new SocketIoEvents(new WebSocketSubscriber(session));
        this.subscriptions = events.subscriptions();
        session.ctx().executor().execute(this::start); // once the fanout session is open
    }

    private void start() {
        if (session.closing()) {
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(session.requestUri());
        String eio = parameter(query, "EIO");
        if (!"4".equals(eio)) {
            close("unsupported Engine.IO version EIO=" + UntrustedText.shown(String.valueOf(eio))
                    + " (expected EIO=4: socket.io-client 3.x or 4.x)");
            return;
        }
        String sid = parameter(query, "sid");
        if (sid == null) {
            open = true;
            session.reply(bytes(EnginePackets.open(sessions.newId(), false, options)));
            startPings();
            return;
        }
        upgrading = sessions.get(sid);
        if (upgrading == null) {
            close("sid " + UntrustedText.shown(sid) + " is not an open polling session (expected: the sid of a live "
                    + "handshake)");
        }
    }

    @Override
    public void onText(byte[] text) {
        String packet = new String(text, StandardCharsets.UTF_8);
        try {
            EnginePackets.check(packet);
        } catch (ProtocolException e) {
            close(e.getMessage());
            return;
        }
        switch (packet.charAt(0)) {
            case EnginePackets.PING -> {
                if (upgrading != null && packet.equals(EnginePackets.PING + EnginePackets.PROBE)) {
                    session.reply(bytes(EnginePackets.PONG + EnginePackets.PROBE));
                    PollingSession polling = upgrading;
                    polling.loop.execute(polling::probe);
                }
            }
            case EnginePackets.PONG -> pongNanos = session.uptimeNanos();
            case EnginePackets.UPGRADE -> upgrade();
            case EnginePackets.MESSAGE -> {
                if (open) {
                    message(packet.substring(1));
                }
            }
            case EnginePackets.CLOSE -> session.ctx().close();
            default -> { } // noop
        }
    }

    /** The client switched to this WebSocket: take the polling session's state over, on this loop. */
    private void upgrade() {
        PollingSession polling = upgrading;
        if (polling == null || open) {
            return;
        }
        upgrading = null;
        var here = session.ctx().executor();
        polling.loop.execute(() -> {
            Handover handover = polling.upgrade();
            here.execute(() -> takeOver(handover));
        });
    }

    private void takeOver(Handover handover) {
        if (session.closing()) {
            return;
        }
        if (handover == null) {
            close("the polling session ended before the upgrade completed (expected: a live session)");
            return;
        }
        open = true;
        handover.unsent().forEach(p -> session.reply(bytes(p)));
        if (handover.socketSid() != null) {
            socketSid = handover.socketSid();
            subscriptions.follow(handover.followed());
        }
        startPings();
    }

    private void message(String text) {
        SocketPacket packet;
        try {
            packet = SocketPacket.parse(text);
        } catch (ProtocolException e) {
            close(e.getMessage());
            return;
        }
        switch (packet.type()) {
            case SocketPacket.CONNECT -> {
                if (!SocketPacket.MAIN_NAMESPACE.equals(packet.namespace())) {
                    session.reply(bytes(EnginePackets.message(SocketPacket.connectError(packet.namespace(),
                            "Invalid namespace"))));
                    return;
                }
                String sid = socketSid != null ? socketSid : sessions.newId();
                session.reply(bytes(EnginePackets.message(SocketPacket.connected(sid))));
                connected(sid);
            }
            case SocketPacket.DISCONNECT -> {
                socketSid = null;
                subscriptions.clear();
            }
            case SocketPacket.EVENT -> {
                if (socketSid != null) {
                    events.handle(packet);
                }
            }
            default -> { } // acks of server events: the server asks for none
        }
    }

    private void connected(String sid) {
        if (socketSid == null) {
            socketSid = sid;
            subscriptions.followEverything();
        }
    }

    private void startPings() {
        long interval = options.pingInterval().toNanos();
        pings = session.ctx().executor().scheduleAtFixedRate(this::ping, interval, interval, TimeUnit.NANOSECONDS);
    }

    private void ping() {
        if (session.closing()) {
            return;
        }
        long sent = session.uptimeNanos();
        session.reply(bytes(String.valueOf(EnginePackets.PING)));
        // This ping's own time: with pingTimeout >= pingInterval the next ping goes out before this check runs.
        session.ctx().executor().schedule(() -> {
            if (!session.closing() && pongNanos < sent) {
                close("ping timeout: no pong within " + options.pingTimeout().toMillis() + " ms");
            }
        }, options.pingTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Forwarded native messages (alerts, status): one frame shared by the loop's clients. */
    void forward(ByteBuf frame) {
        if (open && socketSid != null && !session.closing()) {
            session.replyFrames(frame.retainedDuplicate(), 1);
        }
    }

    boolean wantsAlert(int product) {
        return socketSid != null && subscriptions.wantsAlert(product);
    }

    boolean wantsStatus(int[] products) {
        return socketSid != null && subscriptions.wantsStatus(products);
    }

    @Override
    public void onBinary() {
        close("binary message: expected Engine.IO text packets (this endpoint speaks JSON)");
    }

    @Override
    public void onClosed() {
        if (pings != null) {
            pings.cancel(false);
        }
        loop.remove(this);
    }

    private void close(String reason) {
        log.debug("socket.io client {} closed: {}", session.id(), reason);
        session.ctx().writeAndFlush(new CloseWebSocketFrame(PROTOCOL_ERROR, reason.length() > 120
                ? reason.substring(0, 120) : reason)).addListener(ChannelFutureListener.CLOSE);
    }

    private static byte[] bytes(String packet) {
        return packet.getBytes(StandardCharsets.UTF_8);
    }

    private static String parameter(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
