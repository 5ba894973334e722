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
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits after the HTTP aggregator, like the index-page handler of Netty's WebSocket server example: a WebSocket upgrade
 * of the WebSocket path is passed on to the protocol handler; any other request is offered to the {@link HttpRoutes}
 * and answered with their response, or with a JSON 404 when none matches. Before either, every upgrade (on any path)
 * and every {@code /api/*} request passes the {@link AccessPolicy}; a refused one is answered and the connection closed.
 *
 * <p>A route may answer later ({@link HttpRoutes#handleAsync}): the connection then reads nothing more until the answer
 * is written, and requests already decoded behind it wait here, so answers keep the order of their requests.
 * One instance per connection.
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
    /** An answer is pending ({@link HttpRoutes#handleAsync}); requests that arrive meanwhile wait in {@link #queued}. */
    private boolean answering;
    private final Queue<FullHttpRequest> queued = new ArrayDeque<>();

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
        if (answering) {
            queued.add(request.retain()); // routed once the answer before it is written
            return;
        }
        route(ctx, request);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseQueued();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseQueued();
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            send(ctx, error(HttpResponseStatus.BAD_REQUEST, "bad_request",
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
            send(ctx, refused, false);
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
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        CompletableFuture<FullHttpResponse> answer = ask(request);
        if (answer == null) {
            send(ctx, webSocketPaths.contains(path)
                    ? error(HttpResponseStatus.UPGRADE_REQUIRED, "upgrade_required",
                            what + " is the WebSocket endpoint: expected an Upgrade: websocket"
                                    + " request")
                    : error(HttpResponseStatus.NOT_FOUND, "not_found",
                            "no route for " + what), keepAlive);
            return;
        }
        if (answer.isDone()) {
            send(ctx, outcome(answer, what), keepAlive);
            return;
        }
        // Netty's decoder may already hold the next pipelined requests: they are queued, and reading stops, until
        // this answer is written, so that answers go out in the order of the requests.
        answering = true;
        ctx.channel().config().setAutoRead(false);
        answer.whenComplete((response, failure) -> {
            try {
                ctx.executor().execute(() -> answered(ctx, answer, what, keepAlive));
            } catch (RejectedExecutionException shutDown) {
                ReferenceCountUtil.release(response); // the server is closing: nobody is left to answer
            }
        });
    }

    /** The routes' answer, null when none matches; a route that throws has failed like a failed future. */
    private CompletableFuture<FullHttpResponse> ask(FullHttpRequest request) {
        try {
            return routes != null ? routes.handleAsync(request) : null;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** On the event loop: writes the answer that was pending, then routes what queued up behind it. */
    private void answered(ChannelHandlerContext ctx, CompletableFuture<FullHttpResponse> answer, String what,
                          boolean keepAlive) {
        answering = false;
        FullHttpResponse response = outcome(answer, what);
        if (!ctx.channel().isActive()) {
            response.release();
            releaseQueued();
            return;
        }
        send(ctx, response, keepAlive);
        if (!keepAlive) {
            releaseQueued(); // the connection closes after this answer
            return;
        }
        while (!answering && !queued.isEmpty()) {
            FullHttpRequest next = queued.poll();
            try {
                route(ctx, next);
            } finally {
                next.release();
            }
        }
        if (!answering) {
            ctx.channel().config().setAutoRead(true); // also asks for the next read
        }
    }

    /** A completed answer's response, or a 500 when it failed or completed with nothing. */
    private static FullHttpResponse outcome(CompletableFuture<FullHttpResponse> answer, String what) {
        Throwable failure;
        try {
            FullHttpResponse response = answer.join();
            if (response != null) {
                return response;
            }
            failure = new IllegalStateException("the route answered null");
        } catch (CompletionException e) {
            failure = e.getCause() != null ? e.getCause() : e;
        } catch (CancellationException e) {
            failure = e;
        }
        log.warn("HTTP route for {} failed", what, failure);
        return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "route for " + what + " failed: " + failure);
    }

    private void releaseQueued() {
        for (FullHttpRequest request; (request = queued.poll()) != null; ) {
            request.release();
        }
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
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
