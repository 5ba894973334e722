package dev.tickerplant.fanout;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The last handler of a plug-in endpoint's client: the native handler's lifecycle (admission, close frames,
 * writability, errors) with the plug-in's protocol, which decides what is sent on connect and what the client's
 * messages do.
 */
final class PluginFrameHandler extends NativeFrameHandler {
    private final PluginEndpoints.Registered endpoint;
    private EndpointClient client;

    PluginFrameHandler(ServerContext server, ClientActivity activity, PluginEndpoints.Registered endpoint) {
        super(server, activity);
        this.endpoint = endpoint;
    }

    @Override
    void open(ChannelHandlerContext ctx, WebSocketServerProtocolHandler.HandshakeComplete handshake) {
        EndpointPlugin plugin = endpoint.plugin();
        if (!admit(ctx, plugin::refusal)) {
            return;
        }
        String userAgent = handshake.requestHeaders().get(HttpHeaderNames.USER_AGENT, "");
        LoopFanout loop = server.loopOf(ctx.executor());
        SubscriberSession opening = new SubscriberSession(server.nextClientId(), ctx, server, loop, activity,
                userAgent, plugin.protocol(), endpoint.encoding());
        opening.requestUri(handshake.requestUri());
        try {
            client = loop.plugin(endpoint.encoding()).open(opening);
            if (client.framing() == null && !plugin.encoding().completeFrames()) {
                throw new IllegalStateException("endpoint " + plugin.protocol() + ": its encoding is a payload, so "
                        + "each client needs a framing (expected: EndpointClient.framing() not null)");
            }
        } catch (RuntimeException e) {
            server.figures.clients.decrementAndGet(); // admitted, never opened: the channel closes without a session
            throw e;
        }
        opening.framing(client.framing());
        session = opening;
        session.open();
    }

    @Override
    void onText(byte[] text) {
        client.onText(text);
    }

    @Override
    void onBinary() {
        client.onBinary();
    }

    @Override
    void onClosed() {
        client.onClosed();
    }
}
