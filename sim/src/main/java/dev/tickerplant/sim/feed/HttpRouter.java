package dev.tickerplant.sim.feed;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.net.InetSocketAddress;

/**
 * First stop of every HTTP request: a WebSocket upgrade on {@code /} or {@code /exchange} is admitted (or answered
 * with 429) and handed to a new protocol session; everything else is a REST call.
 *
 * <p>On upgrade it stacks the WebSocket handlers behind itself, passes the request on for the handshake, and leaves
 * the pipeline.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final int MAX_FRAME_BYTES = 1 << 16;

    private final FeedContext context;
    private final ConnectionAdmission admission;
    private final RestApi rest;

    HttpRouter(FeedContext context, ConnectionAdmission admission, RestApi rest) {
        this.context = context;
        this.admission = admission;
        this.rest = rest;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, request, RestApi.error(400, "BAD_REQUEST", "unparseable HTTP request"), true);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        CoinbaseProtocol protocol = FeedPaths.forPath(path);
        boolean upgrade = request.method().equals(HttpMethod.GET)
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
        if (upgrade && protocol != null) {
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            if (admission.admit(remote.getAddress().getHostAddress())) {
                upgrade(ctx, request, protocol, remote);
            } else {
                context.counters().rejected();
                respond(ctx, request, RestApi.error(429, "TOO_MANY_REQUESTS", "too many WebSocket connections from "
                        + remote.getAddress().getHostAddress() + " (expected: at most "
                        + context.settings().maxConnectionsPerSecond() + " per second)"), true);
            }
            return;
        }
        if (protocol != null) {
            respond(ctx, request, RestApi.error(400, "BAD_REQUEST", request.method() + " " + path
                    + " is a WebSocket endpoint (expected: a GET with Upgrade: websocket)"), false);
            return;
        }
        respond(ctx, request, rest.handle(request.method().name(), request.uri()), false);
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, CoinbaseProtocol protocol, InetSocketAddress remote) {
        long id = context.registry().nextId();
        FeedSession session = protocol == CoinbaseProtocol.ADVANCED_TRADE
                ? new AdvancedTradeSession(id, context, remote)
                : new ExchangeSession(id, context, remote);
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addLast(new WebSocketServerCompressionHandler(4 * MAX_FRAME_BYTES));
        pipeline.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(FeedPaths.of(protocol))
                .checkStartsWith(true)
                .allowExtensions(true)
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .build()));
        pipeline.addLast(new WebSocketFrameAggregator(MAX_FRAME_BYTES));
        pipeline.addLast(session);
        ctx.fireChannelRead(request.retain());
        pipeline.remove(this);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, RestApi.Response response,
                                boolean close) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        if (response.status() == 429) {
            http.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        }
        boolean keepAlive = !close && HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(http);
        } else {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
