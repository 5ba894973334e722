package dev.tickerplant.health;

import dev.tickerplant.fanout.protocol.UntrustedText;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Builds complete responses with the headers every route sends: type, length and {@code cache-control: no-store}. */
final class Responses {
    static final String JSON = "application/json";

    private Responses() {
    }

    static FullHttpResponse json(HttpVersion version, HttpResponseStatus status, ByteBuf body) {
        return of(version, status, JSON, body);
    }

    /** A metrics page in the exposition format named by {@code contentType}, which depended on {@code Accept}. */
    static FullHttpResponse metrics(HttpVersion version, String contentType, ByteBuf body) {
        FullHttpResponse response = of(version, HttpResponseStatus.OK, contentType, body);
        response.headers().set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT);
        return response;
    }

    /** {@code {"error": code, "message": message}}. */
    static FullHttpResponse error(HttpVersion version, HttpResponseStatus status, String code, String message) {
        return json(version, status, JsonBody.render(json -> {
            json.writeStartObject();
            json.writeStringField("error", code);
            json.writeStringField("message", message);
            json.writeEndObject();
        }));
    }

    static FullHttpResponse methodNotAllowed(HttpVersion version, HttpMethod method, String path) {
        FullHttpResponse response = error(version, HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                "method " + UntrustedText.shown(method.name()) + " on " + UntrustedText.shown(path) + " (expected: GET)");
        response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
        return response;
    }

    private static FullHttpResponse of(HttpVersion version, HttpResponseStatus status, String contentType,
                                       ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, status, body);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }
}
