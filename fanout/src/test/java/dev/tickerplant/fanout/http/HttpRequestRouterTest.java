package dev.tickerplant.fanout.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.fanout.security.AccessPolicy;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import dev.tickerplant.transport.Transport;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routes that answer later: the router writes the answer when the route's future completes, keeps a pipelined request
 * behind it until then, and answers a failed future 500 on a connection that stays usable.
 */
class HttpRequestRouterTest {
    private final LaterRoutes routes = new LaterRoutes();
    private final RoutesServer server = RoutesServer.start("127.0.0.1", 0, routes, AccessPolicy.open(),
            Transport.forThisProcess(), Duration.ofSeconds(30));

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aRouteAnswersWhenItsFutureIsCompletedOnAnotherThread() throws Exception {
        try (Socket socket = connect()) {
            send(socket, request("/later"));
            CompletableFuture<FullHttpResponse> answer = routes.awaitPending();
            assertNothingAnswered(socket);

            Thread completer = new Thread(() -> answer.complete(ok("later")), "test-completer");
            completer.start();
            completer.join();

            Http.RawResponse response = Http.next(socket);
            assertEquals(200, response.status());
            assertEquals("later", response.body());
            assertEquals("5", response.header("content-length"));
        }
    }

    @Test
    void aPipelinedRequestIsAnsweredAfterTheAnswerBeforeIt() throws Exception {
        try (Socket socket = connect()) {
            send(socket, request("/later") + request("/now"));
            CompletableFuture<FullHttpResponse> answer = routes.awaitPending();
            assertNothingAnswered(socket);
            assertEquals(List.of("/later"), routes.seen, "the second request waits for the first's answer");

            answer.complete(ok("later"));

            assertEquals("later", Http.next(socket).body());
            assertEquals("now", Http.next(socket).body());
            assertEquals(List.of("/later", "/now"), routes.seen);
        }
    }

    @Test
    void aFailedFutureIs500AndTheConnectionStaysOpen() throws Exception {
        try (Socket socket = connect()) {
            send(socket, request("/later"));
            routes.awaitPending().completeExceptionally(new IllegalStateException("catalog fetch failed"));

            Http.RawResponse failed = Http.next(socket);
            assertEquals(500, failed.status());
            assertEquals("application/json", failed.header("content-type"));
            assertEquals(Map.of("error", "internal_error", "message",
                    "route for GET /later failed: java.lang.IllegalStateException: catalog fetch failed"),
                    Json.object(failed.body()));

            send(socket, request("/now"));
            assertEquals("now", Http.next(socket).body(), "kept alive");
        }
    }

    @Test
    void aConnectionThatAskedToCloseIsClosedAfterTheLaterAnswer() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /later HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            routes.awaitPending().complete(ok("later"));

            Http.RawResponse response = Http.next(socket);
            assertEquals("later", response.body());
            assertEquals("close", response.header("connection"));
            assertTrue(response.closedByServer());
        }
    }

    @Test
    void aFutureAlreadyCompletedIsAnsweredAtOnce() {
        routes.answerAtOnce.set(true);

        assertEquals("later", Http.get(server.port(), "/later").body());
        assertEquals(404, Http.get(server.port(), "/elsewhere").statusCode());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout((int) Http.WAIT.toMillis());
        return socket;
    }

    private static String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    private static void send(Socket socket, String requests) throws IOException {
        socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** After the event loop has finished what it was doing: an answer written then would be readable now. */
    private void assertNothingAnswered(Socket socket) throws Exception {
        server.eventLoops().get(0).submit(() -> { }).get();
        assertEquals(0, socket.getInputStream().available(), "nothing answered yet");
    }

    private static FullHttpResponse ok(String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        return response;
    }

    /** {@code /now} answers at once through {@link #handle}; {@code /later} hands the test a future to complete. */
    private static final class LaterRoutes implements HttpRoutes {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final AtomicReference<CompletableFuture<FullHttpResponse>> pending = new AtomicReference<>();
        final AtomicBoolean answerAtOnce = new AtomicBoolean();

        @Override
        public FullHttpResponse handle(FullHttpRequest request) {
            return request.uri().equals("/now") ? ok("now") : null;
        }

        @Override
        public CompletableFuture<FullHttpResponse> handleAsync(FullHttpRequest request) {
            seen.add(request.uri());
            if (!request.uri().equals("/later")) {
                return HttpRoutes.super.handleAsync(request);
            }
            if (answerAtOnce.get()) {
                return CompletableFuture.completedFuture(ok("later"));
            }
            CompletableFuture<FullHttpResponse> answer = new CompletableFuture<>();
            pending.set(answer);
            return answer;
        }

        CompletableFuture<FullHttpResponse> awaitPending() {
            return await().until(pending::get, answer -> answer != null);
        }
    }
}
