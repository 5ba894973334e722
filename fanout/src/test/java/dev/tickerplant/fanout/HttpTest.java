package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.fanout.http.HttpRoutes;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Plain HTTP on the same port: the daemon's routes answer, anything else is a JSON 404. */
class HttpTest {
    private final HttpRoutes routes = request -> {
        if (request.uri().equals("/health")) {
            DefaultFullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("{\"status\":\"ready\"}", StandardCharsets.UTF_8));
            ok.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            return ok;
        }
        if (request.uri().equals("/broken")) {
            throw new IllegalStateException("boom");
        }
        return null;
    };
    private final Harness harness = new Harness(Harness.options(), routes, System::nanoTime);

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void routesAnswerTheirPaths() throws Exception {
        HttpResponse<String> response = get("/health");

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"ready\"}", response.body());
    }

    @Test
    void unknownPathsGetAJson404() throws Exception {
        HttpResponse<String> response = get("/x?y=1");

        assertEquals(404, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals(Map.of("error", "not_found", "message", "no route for GET /x"), Json.object(response.body()));
    }

    @Test
    void webSocketPathWithoutUpgradeAndFailingRoutesAreAnsweredToo() throws Exception {
        HttpResponse<String> ws = get("/ws");
        assertEquals(426, ws.statusCode());
        assertEquals("upgrade_required", Json.object(ws.body()).get("error"));

        HttpResponse<String> broken = get("/broken");
        assertEquals(500, broken.statusCode());
        assertEquals("internal_error", Json.object(broken.body()).get("error"));
    }

    @Test
    void withoutRoutesEveryPlainRequestIs404() throws Exception {
        try (Harness bare = new Harness(Harness.options())) {
            HttpResponse<String> response = Http.get(bare.port(), "/health");
            assertEquals(404, response.statusCode());
            assertEquals("no route for GET /health", Json.object(response.body()).get("message"));
        }
    }

    private HttpResponse<String> get(String path) {
        return Http.get(harness.port(), path);
    }
}
