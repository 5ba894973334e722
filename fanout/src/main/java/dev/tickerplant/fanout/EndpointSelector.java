package dev.tickerplant.fanout;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Picks a client's protocol once its WebSocket upgrade completes, by the request's path: {@code /ws} keeps the native
 * handler, a plug-in endpoint's path gets a {@link PluginFrameHandler} in its place, and the plain-HTTP idle timeout
 * goes. Then it leaves the pipeline.
 */
final class EndpointSelector extends ChannelInboundHandlerAdapter {
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
            if (ctx.pipeline().get(HttpIdleTimeout.NAME) != null) {
                ctx.pipeline().remove(HttpIdleTimeout.NAME); // the session's own idle check takes over
            }
            ctx.fireUserEventTriggered(evt);
            ctx.pipeline().remove(this);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
