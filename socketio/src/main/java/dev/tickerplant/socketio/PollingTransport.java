package dev.tickerplant.socketio;

import dev.tickerplant.fanout.protocol.UntrustedText;
import dev.tickerplant.fanout.PluginHttp;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Engine.IO's HTTP long-polling on {@code /socket.io/}: {@code GET ?EIO=4&transport=polling} without a sid is the
 * handshake (a new {@link PollingSession}), with one a poll, {@code POST} sends packets, {@code OPTIONS} is a CORS
 * preflight. The server's access check (origin, bearer token) has passed before. A request for a session is handed
 * to that session's loop.
 */
final class PollingTransport implements PluginHttp {
    private final SocketIoOptions options;
    private final EngineSessions sessions;
    private final Function<EventExecutor, SocketIoLoop> loops;
    private final LongSupplier nanoTime;

    PollingTransport(SocketIoOptions options, EngineSessions sessions, Function<EventExecutor, SocketIoLoop> loops,
                     LongSupplier nanoTime) {
        this.options = options;
        this.sessions = sessions;
        this.loops = loops;
        this.nanoTime = nanoTime;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        PollingHttp http = new PollingHttp(ctx, request.headers().get(HttpHeaderNames.ORIGIN),
                HttpUtil.isKeepAlive(request));
        if (HttpMethod.OPTIONS.equals(request.method())) {
            http.preflight(request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS));
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String eio = parameter(query, "EIO");
        if (!"4".equals(eio)) {
            http.error(EngineError.UNSUPPORTED_PROTOCOL_VERSION, "EIO=" + UntrustedText.shown(String.valueOf(eio))
                    + " (expected EIO=4: socket.io-client 3.x or 4.x)");
            return;
        }
        String transport = parameter(query, "transport");
        if (!"polling".equals(transport)) {
            http.error(EngineError.UNKNOWN_TRANSPORT, "transport=" + UntrustedText.shown(String.valueOf(transport))
                    + " over plain HTTP (expected transport=polling, or a WebSocket upgrade for websocket)");
            return;
        }
        String sid = parameter(query, "sid");
        if (sid == null) {
            handshake(ctx, request, http);
            return;
        }
        PollingSession session = sessions.get(sid);
        if (session == null) {
            http.error(EngineError.UNKNOWN_SID, "sid " + UntrustedText.shown(sid) + " is not an open polling session "
                    + "(expected: the sid of a live handshake; the client reconnects with a new one)");
            return;
        }
        if (HttpMethod.GET.equals(request.method())) {
            session.loop.execute(() -> session.poll(http));
        } else if (HttpMethod.POST.equals(request.method())) {
            String body = request.content().toString(StandardCharsets.UTF_8);
            session.loop.execute(() -> session.post(http, body));
        } else {
            http.error(EngineError.BAD_REQUEST, request.method() + " (expected GET to poll or POST to send)");
        }
    }

    private void handshake(ChannelHandlerContext ctx, FullHttpRequest request, PollingHttp http) {
        if (!HttpMethod.GET.equals(request.method())) {
            http.error(EngineError.BAD_HANDSHAKE_METHOD, request.method() + " without a sid (expected: a GET opens "
                    + "a session)");
            return;
        }
        SocketIoLoop loop = loops.apply(ctx.executor());
        if (!loop.counted().admit()) {
            http.error(HttpResponseStatus.SERVICE_UNAVAILABLE, EngineError.FORBIDDEN, "the server is full: "
                    + loop.counted().maxClients() + " clients (max-clients); retry later");
            return;
        }
        PollingSession session = new PollingSession(sessions.newId(), ctx.executor(), options, sessions, loop,
                nanoTime);
        session.start();
        http.ok(EnginePackets.open(session.sid, true, options));
    }

    private static String parameter(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
