package dev.tickerplant.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StatusPageRoutesTest {
    private static final Pattern LOCAL_REFERENCE = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"");

    private final StatusPageRoutes routes = new StatusPageRoutes();

    @Test
    void everyFileIsServedWithItsTypeCachePolicyAndCsp() {
        Map<String, String> types = Map.of("/", "text/html; charset=utf-8",
                "/assets/status.js", "text/javascript; charset=utf-8",
                "/assets/status.css", "text/css; charset=utf-8",
                "/assets/icon.svg", "image/svg+xml");
        types.forEach((path, type) -> {
            FullHttpResponse response = routes.handle(request(HttpMethod.GET, path));
            assertEquals(200, response.status().code(), path);
            assertEquals(type, response.headers().get(HttpHeaderNames.CONTENT_TYPE), path);
            assertEquals("no-cache", response.headers().get(HttpHeaderNames.CACHE_CONTROL), path);
            assertEquals("default-src 'self'; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; "
                    + "form-action 'none'; frame-ancestors 'none'",
                    response.headers().get(HttpHeaderNames.CONTENT_SECURITY_POLICY), path);
            assertEquals("nosniff", response.headers().get("x-content-type-options"), path);
            assertTrue(response.content().readableBytes() > 0, path);
            assertEquals(response.content().readableBytes(),
                    response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH), path);
            response.release();
        });
    }

    @Test
    void thePageReferencesOnlyFilesItServesAndNoInlineCode() {
        String html = body(routes.handle(request(HttpMethod.GET, "/")));
        Matcher m = LOCAL_REFERENCE.matcher(html);
        int references = 0;
        while (m.find()) {
            references++;
            FullHttpResponse asset = routes.handle(request(HttpMethod.GET, m.group(1)));
            assertEquals(200, asset == null ? 404 : asset.status().code(), m.group(1));
            asset.release();
        }
        assertEquals(3, references, html);
        // The policy allows no inline script or style: any would be blocked in the browser.
        assertTrue(!html.contains("<script>") && !html.contains("style=") && !html.contains("<style")
                && !Pattern.compile("\\son[a-z]+=").matcher(html).find(), "inline code in index.html");
        assertTrue(!html.matches("(?s).*(https?:)?//[a-z].*"), "the page loads nothing from another host");
    }

    @Test
    void anUnchangedFileIsAnsweredNotModified() {
        FullHttpResponse first = routes.handle(request(HttpMethod.GET, "/assets/status.js"));
        String etag = first.headers().get(HttpHeaderNames.ETAG);
        first.release();
        FullHttpRequest again = request(HttpMethod.GET, "/assets/status.js");
        again.headers().set(HttpHeaderNames.IF_NONE_MATCH, etag);
        FullHttpResponse revalidated = routes.handle(again);
        assertEquals(304, revalidated.status().code());
        assertEquals(0, revalidated.content().readableBytes());
        assertEquals(etag, revalidated.headers().get(HttpHeaderNames.ETAG));

        FullHttpRequest stale = request(HttpMethod.GET, "/assets/status.js");
        stale.headers().set(HttpHeaderNames.IF_NONE_MATCH, "\"another-build\"");
        assertEquals(200, routes.handle(stale).status().code());
    }

    @Test
    void headStatesTheLengthWithoutABodyAndOtherMethodsAreRefused() {
        FullHttpResponse head = routes.handle(request(HttpMethod.HEAD, "/"));
        assertEquals(200, head.status().code());
        assertEquals(0, head.content().readableBytes());
        assertTrue(head.headers().getInt(HttpHeaderNames.CONTENT_LENGTH) > 500);

        FullHttpResponse post = routes.handle(request(HttpMethod.POST, "/"));
        assertEquals(405, post.status().code());
        assertEquals("GET, HEAD", post.headers().get(HttpHeaderNames.ALLOW));
        assertEquals("{\"error\":\"method_not_allowed\",\"message\":\"method POST on / (expected: GET or HEAD)\"}",
                body(post));
    }

    @Test
    void otherPathsAreLeftToTheNextRoutes() {
        assertNull(routes.handle(request(HttpMethod.GET, "/health")));
        assertNull(routes.handle(request(HttpMethod.GET, "/assets/missing.js")));
        assertNull(routes.handle(request(HttpMethod.GET, "/index.html")));
        FullHttpResponse withQuery = routes.handle(request(HttpMethod.GET, "/?product=BTC-USD"));
        assertEquals(200, withQuery.status().code());
        withQuery.release();
    }

    private static FullHttpRequest request(HttpMethod method, String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    }

    private static String body(FullHttpResponse response) {
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }
}
