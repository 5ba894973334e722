package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.fanout.http.HttpRoutes;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.WebSocketClient;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A plain HTTP connection kept alive past the idle timeout is closed while a WebSocket client on the same server,
 * silent but for its pongs, is served on: seconds of real time, with margins a busy machine needs.
 */
@EndToEnd
class HttpKeepAliveTest {
    private final HttpRoutes routes = request -> request.uri().equals("/health")
            ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("{\"status\":\"ready\"}", StandardCharsets.UTF_8))
            : null;

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
}
