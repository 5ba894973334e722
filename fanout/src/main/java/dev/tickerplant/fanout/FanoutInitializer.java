package dev.tickerplant.fanout;

import dev.tickerplant.fanout.http.HttpRequestDeadline;
import dev.tickerplant.fanout.http.HttpRequestRouter;
import dev.tickerplant.fanout.http.HttpRoutes;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stacks a client's pipeline, as Netty's WebSocket server example does: plain-HTTP idle timeout → request deadline →
 * activity → HTTP codec → request end → aggregator → router (plain HTTP answered here, upgrades passed on) →
 * compression negotiator (unless {@code websocket-compression} is off) → WebSocket protocol handler → message
 * aggregator → endpoint selector → native frame handler (which the selector swaps for a {@link PluginFrameHandler} on
 * a plug-in endpoint's path). A request must arrive whole within the HTTP request
 * timeout ({@link HttpRequestDeadline}) and an upgrade's handshake must then complete within it too (the protocol
 * handler's handshake timeout); either failure closes the connection and is counted.
 * permessage-deflate ({@link CompressionNegotiator}) is agreed without context takeover, so a tick frame is deflated
 * once per encoding and the compressed bytes are shared by every client that agreed, as the plain ones are; the
 * client's compressed messages are inflated by the decoder the negotiator adds.
 */
final class FanoutInitializer extends ChannelInitializer<SocketChannel> {
    static final String WEBSOCKET_PATH = "/ws";

    private final ServerContext server;
    private final HttpRoutes routes;
    private final ChannelGroup allChannels;
    /** {@code /ws} and the plug-in endpoints' paths. */
    private final Set<String> webSocketPaths;
    private final WebSocketServerProtocolConfig webSocketConfig;
    /** The plug-ins' plain-HTTP transports, by path. */
    private final Map<String, PluginHttp> plainHttp;
    /** Null when {@code websocket-compression} is off. */
    private final DeflateOffers deflateOffers;

    FanoutInitializer(ServerContext server, HttpRoutes routes, ChannelGroup allChannels) {
        this.server = server;
        this.routes = routes;
        this.allChannels = allChannels;
        Set<String> paths = new HashSet<>(server.endpoints.paths());
        paths.add(WEBSOCKET_PATH);
        this.webSocketPaths = Set.copyOf(paths);
        this.plainHttp = server.endpoints.plainHttp();
        this.deflateOffers = server.options.webSocketCompression()
                ? new DeflateOffers(server.options.maxCommandBytes()) : null;
        this.webSocketConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true) // the router only passes on upgrades of exactly webSocketPaths (query allowed)
                .handshakeTimeoutMillis(Math.max(1, server.options.httpRequestTimeout().toMillis()))
                .forceCloseTimeoutMillis(TimeUnit.NANOSECONDS.toMillis(SubscriberSession.CLOSE_GRACE_NANOS))
                .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
                .handleCloseFrames(false) // NativeFrameHandler answers them, so the disconnect log has the reason
                .maxFramePayloadLength(server.options.maxCommandBytes())
                .allowExtensions(server.options.webSocketCompression()) // RSV1 on a client's compressed messages
                .closeOnProtocolViolation(false) // NativeFrameHandler closes with our own codes and reasons
                .build();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        allChannels.add(ch);
        stack(ch.pipeline());
    }

    /** Adds one client's handlers, in order. */
    void stack(ChannelPipeline p) {
        ClientActivity activity = new ClientActivity();
        HttpRequestDeadline deadline = new HttpRequestDeadline(server.options.httpRequestTimeout(),
                server.figures.slowRequestsClosed::increment);
        p.addLast(HttpIdleTimeout.NAME, new HttpIdleTimeout(server.options.idleTimeout()));
        p.addLast(HttpRequestDeadline.NAME, deadline);
        p.addLast("activity", activity);
        p.addLast("http", new HttpServerCodec());
        p.addLast(HttpRequestDeadline.END_NAME, deadline.requestEnd());
        p.addLast("http-aggregator", new HttpObjectAggregator(server.options.maxCommandBytes()));
        p.addLast("router", new HttpRequestRouter(webSocketPaths, routes, server.access, plainHttp));
        if (deflateOffers != null) {
            p.addLast(CompressionNegotiator.NAME, new CompressionNegotiator(deflateOffers));
        }
        p.addLast("websocket", new WebSocketServerProtocolHandler(webSocketConfig));
        p.addLast("message-aggregator", new WebSocketFrameAggregator(server.options.maxCommandBytes()));
        p.addLast("endpoint", new EndpointSelector(server, activity, "native"));
        p.addLast("native", new NativeFrameHandler(server, activity));
    }
}
