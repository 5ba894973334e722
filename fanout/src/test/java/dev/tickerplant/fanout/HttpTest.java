package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.fanout.http.HttpRoutes;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    @Test
    void anIdleKeepAliveConnectionIsClosedButAWebSocketClientIsNot() throws Exception {
        // Idle timeout: 2.5 intervals, 5 s. Long enough that the client's pongs are never late for the session's own
        // idle check on a busy machine; when exactly the plain connection is closed is HttpIdleTimeoutTest's part.
        Duration interval = Duration.ofSeconds(2);
        FanoutOptions options = Harness.options().withHeartbeatInterval(interval);
        try (Harness quick = new Harness(options, routes, System::nanoTime);
             Http.RawResponse health = Http.raw(quick.port(), "GET", "/health", "Connection: keep-alive")) {
            WebSocketClient ws = quick.client();
            assertEquals(200, health.status(), health.body());
            // Reads block until the server closes, which it must do however late its timer runs: a read timeout
            // (rather than the end of the stream) fails the test, and it is set well past the idle timeout.
            health.socket().setSoTimeout((int) options.idleTimeout().plus(Http.WAIT).toMillis());
            String response = health.readUntilClosed();
            assertEquals("", response, "nothing after the answer");
            // The WebSocket client, which sent nothing but pongs all that time, is still served.
            Harness.assertNothingElsePending(ws);
        }
    }

    private HttpResponse<String> get(String path) {
        return Http.get(harness.port(), path);
    }
}
