package dev.tickerplant.fanout.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickerplant.fanout.PluginHttp;
import dev.tickerplant.fanout.protocol.UntrustedText;
import dev.tickerplant.fanout.security.AccessPolicy;
import dev.tickerplant.fanout.security.Refusal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits after the HTTP aggregator, like the index-page handler of Netty's WebSocket server example: a WebSocket upgrade
 * of the WebSocket path is passed on to the protocol handler; any other request is offered to the {@link HttpRoutes}
 * and answered with their response, or with a JSON 404 when none matches. Before either, every upgrade (on any path)
 * and every {@code /api/*} request passes the {@link AccessPolicy}; a refused one is answered and the connection closed.
 */
public final class HttpRequestRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpRequestRouter.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** Netty's decoder complaints quote the bytes they choked on. */
    private static final int MAX_DECODER_MESSAGE_CHARS = 160;

    private final Set<String> webSocketPaths;
    private final HttpRoutes routes;
    private final AccessPolicy access;
    private final Map<String, PluginHttp> plainHttp;

    /** @param routes may be null: every plain request is then answered 404 */
    public HttpRequestRouter(String webSocketPath, HttpRoutes routes) {
        this(webSocketPath, routes, AccessPolicy.open());
    }

    /**
     * @param routes may be null: every plain request is then answered 404
     * @param access checked first, for WebSocket upgrades on any path and for /api/*
     */
    public HttpRequestRouter(String webSocketPath, HttpRoutes routes, AccessPolicy access) {
        this(Set.of(webSocketPath), routes, access);
    }

    /** The same with several WebSocket endpoints (the native one and the plug-in ones). */
    public HttpRequestRouter(Set<String> webSocketPaths, HttpRoutes routes, AccessPolicy access) {
        this(webSocketPaths, routes, access, Map.of());
    }

    /**
     * The same, with plug-ins answering plain HTTP on their paths ({@code plainHttp}, by path): such a request passes
     * the access check's origin and token rules ({@link AccessPolicy#checkPlain}) and is then handed to the plug-in.
     */
    public HttpRequestRouter(Set<String> webSocketPaths, HttpRoutes routes, AccessPolicy access,
                             Map<String, PluginHttp> plainHttp) {
        this.webSocketPaths = Set.copyOf(webSocketPaths);
        this.routes = routes;
        this.access = access;
        this.plainHttp = Map.copyOf(plainHttp);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            send(ctx, request, error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "malformed HTTP request: " + UntrustedText.line(String.valueOf(request.decoderResult().cause()),
                            MAX_DECODER_MESSAGE_CHARS)), false);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        PluginHttp plugin = isWebSocketUpgrade(request) ? null : plainHttp.get(path);
        Refusal refusal = plugin != null ? access.checkPlain(ctx.channel(), request, path)
                : access.check(ctx.channel(), request, path, isWebSocketUpgrade(request));
        if (refusal != null) {
            FullHttpResponse refused = error(refusal.status(), refusal.code(), refusal.message());
            refusal.headers().forEach(refused.headers()::set);
            send(ctx, request, refused, false);
            return;
        }
        if (webSocketPaths.contains(path) && isWebSocketUpgrade(request)) {
            ctx.fireChannelRead(request.retain());
            return;
        }
        if (plugin != null) {
            plugin.handle(ctx, request);
            return;
        }
        String what = UntrustedText.shown(request.method().name()) + " " + UntrustedText.shown(path);
        FullHttpResponse response;
        try {
            response = routes != null ? routes.handle(request) : null;
        } catch (RuntimeException e) {
            log.warn("HTTP route for {} failed", what, e);
            response = error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                    "route for " + what + " failed: " + e);
        }
        if (response == null) {
            response = webSocketPaths.contains(path)
                    ? error(HttpResponseStatus.UPGRADE_REQUIRED, "upgrade_required",
                            what + " is the WebSocket endpoint: expected an Upgrade: websocket"
                                    + " request")
                    : error(HttpResponseStatus.NOT_FOUND, "not_found",
                            "no route for " + what);
        }
        send(ctx, request, response, HttpUtil.isKeepAlive(request));
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response,
                             boolean keepAlive) {
        if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            HttpUtil.setContentLength(response, response.content().readableBytes());
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** {@code {"error":"not_found","message":"no route for GET /x"}} with the given status. */
    public static FullHttpResponse error(HttpResponseStatus status, String error, String message) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        ByteBuf body = response.content();
        try (JsonGenerator g = JSON.createGenerator((java.io.OutputStream) new ByteBufOutputStream(body))) {
            g.writeStartObject();
            g.writeStringField("error", error);
            g.writeStringField("message", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to a ByteBuf does not fail
        }
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        return response;
    }
}
