package dev.tickerplant.web;

import dev.tickerplant.fanout.http.HttpRoutes;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The status page: {@code GET /} and the few files it loads from {@code /assets/}, all read from the jar at start and
 * answered from memory. The page itself talks to the daemon over {@code /health}, {@code /api/*} and {@code /ws}; this
 * class only hands out its files. Any other path returns null, so the routes after it (or the server's 404) answer.
 *
 * <p>Every answer carries a Content-Security-Policy that allows only this origin's scripts and styles and WebSocket
 * connections, so nothing injected into a product id or a reason string could run, and {@code no-cache} with an
 * entity tag: a browser always asks, and gets a bodiless 304 while the daemon's build is the same.
 */
public final class StatusPageRoutes implements HttpRoutes {
    /** No inline script or style, no framing, nothing from elsewhere; WebSockets to any host, as browsers need ws:. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self' ws: wss:; "
            + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String CACHE_CONTROL = "no-cache";

    private final Map<String, StaticAsset> assets;

    public StatusPageRoutes() {
        this(List.of(
                StaticAsset.load("/", "page/index.html", "text/html; charset=utf-8"),
                StaticAsset.load("/assets/status.js", "page/status.js", "text/javascript; charset=utf-8"),
                StaticAsset.load("/assets/status.css", "page/status.css", "text/css; charset=utf-8"),
                StaticAsset.load("/assets/icon.svg", "page/icon.svg", "image/svg+xml")));
    }

    StatusPageRoutes(List<StaticAsset> assets) {
        this.assets = assets.stream().collect(Collectors.toUnmodifiableMap(StaticAsset::path, Function.identity()));
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest request) {
        StaticAsset asset = assets.get(new QueryStringDecoder(request.uri()).path());
        if (asset == null) {
            return null;
        }
        HttpMethod method = request.method();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return methodNotAllowed(request, asset);
        }
        if (asset.etag().equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
            FullHttpResponse notModified = new DefaultFullHttpResponse(request.protocolVersion(),
                    HttpResponseStatus.NOT_MODIFIED);
            commonHeaders(notModified.headers(), asset);
            notModified.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            return notModified;
        }
        boolean head = HttpMethod.HEAD.equals(method);
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(asset.bytes()));
        commonHeaders(response.headers(), asset);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, asset.contentType());
        // HEAD states the length GET would send.
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, asset.bytes().length);
        return response;
    }

    private static void commonHeaders(HttpHeaders headers, StaticAsset asset) {
        headers.set(HttpHeaderNames.CACHE_CONTROL, CACHE_CONTROL);
        headers.set(HttpHeaderNames.ETAG, asset.etag());
        headers.set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        headers.set("x-content-type-options", "nosniff");
        headers.set("referrer-policy", "no-referrer");
    }

    private static FullHttpResponse methodNotAllowed(FullHttpRequest request, StaticAsset asset) {
        String message = "{\"error\":\"method_not_allowed\",\"message\":\"method " + request.method() + " on "
                + asset.path() + " (expected: GET or HEAD)\"}";
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.METHOD_NOT_ALLOWED,
                Unpooled.wrappedBuffer(message.getBytes(StandardCharsets.UTF_8)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return response;
    }
}
