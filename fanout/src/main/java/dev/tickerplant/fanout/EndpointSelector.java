package dev.tickerplant.fanout;

import dev.tickerplant.fanout.http.HttpRequestDeadline;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Picks a client's protocol once its WebSocket upgrade completes, by the request's path: {@code /ws} keeps the native
 * handler, a plug-in endpoint's path gets a {@link PluginFrameHandler} in its place, and the plain-HTTP idle timeout
 * and request deadline go. Then it leaves the pipeline. An upgrade whose handshake does not complete in time is
 * counted as a slow request (the protocol handler closes it).
 */
final class EndpointSelector extends ChannelInboundHandlerAdapter {
    private static final String[] PLAIN_HTTP_ONLY =
            {HttpIdleTimeout.NAME, HttpRequestDeadline.NAME, HttpRequestDeadline.END_NAME};

    private final ServerContext server;
    private final ClientActivity activity;
    private final String nativeHandlerName;

    EndpointSelector(ServerContext server, ClientActivity activity, String nativeHandlerName) {
        this.server = server;
        this.activity = activity;
        this.nativeHandlerName = nativeHandlerName;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
            PluginEndpoints.Registered endpoint =
                    server.endpoints.byPath(new QueryStringDecoder(handshake.requestUri()).path());
            if (endpoint != null) {
                ctx.pipeline().replace(nativeHandlerName, "endpoint-" + endpoint.plugin().protocol(),
                        new PluginFrameHandler(server, activity, endpoint));
            }
            // The session's own idle check takes over; the request has arrived and the handshake is done.
            for (String plainHttpOnly : PLAIN_HTTP_ONLY) {
                if (ctx.pipeline().get(plainHttpOnly) != null) {
                    ctx.pipeline().remove(plainHttpOnly);
                }
            }
            ctx.fireUserEventTriggered(evt);
            ctx.pipeline().remove(this);
            return;
        }
        if (evt == WebSocketServerProtocolHandler.ServerHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            server.figures.slowRequestsClosed.increment();
        }
        super.userEventTriggered(ctx, evt);
    }
}
