package dev.tickerplant.socketio;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Answers of the long-polling transport, with the CORS headers a browser needs to read them: a request's
 * {@code Origin} has passed the server's allow-list before it got here, so it is echoed, with credentials allowed.
 *
 * @param origin    the request's Origin header; null when it had none
 * @param keepAlive whether the connection stays open after the answer
 */
record PollingHttp(ChannelHandlerContext ctx, String origin, boolean keepAlive) {
    static final String TEXT = "text/plain; charset=UTF-8";
    static final String JSON = "application/json";

    void send(HttpResponseStatus status, String contentType, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        cors(response);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    void ok(String body) {
        send(HttpResponseStatus.OK, TEXT, body);
    }

    /** Engine.IO's error answer: 400 with {@code {"code":n,"message":"..."}}. */
    void error(EngineError error, String detail) {
        error(HttpResponseStatus.BAD_REQUEST, error, detail);
    }

    void error(HttpResponseStatus status, EngineError error, String detail) {
        send(status, JSON, "{\"code\":" + error.code + ",\"message\":\""
                + SocketPacket.quote(error.text + ": " + detail) + "\"}");
    }

    /** The answer to a CORS preflight. */
    void preflight(String requestHeaders) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        cors(response);
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
        if (requestHeaders != null) {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requestHeaders);
        }
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
        HttpUtil.setContentLength(response, 0);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void cors(FullHttpResponse response) {
        if (origin != null) {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            response.headers().set(HttpHeaderNames.VARY, "Origin");
        }
    }
}
