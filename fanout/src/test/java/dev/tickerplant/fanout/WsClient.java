package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that queues every message it receives, parsed; it answers pings itself. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final LinkedBlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();

    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    volatile String closeReason;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static WsClient connect(int port) {
        return connect(port, "/ws");
    }

    static WsClient connect(int port, String pathAndQuery) {
        WsClient client = new WsClient();
        client.socket = HTTP.newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), client)
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        return client;
    }

    /** Connects and consumes the welcome. */
    static WsClient welcomed(int port) {
        WsClient client = connect(port);
        assertEquals("welcome", client.next().get("type"));
        return client;
    }

    void send(String json) {
        socket.sendText(json, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** The next message that is not a heartbeat. */
    Map<String, Object> next() {
        return next(m -> !"heartbeat".equals(m.get("type")));
    }

    Map<String, Object> next(String type) {
        Map<String, Object> m = next();
        assertEquals(type, m.get("type"), () -> "message " + m);
        return m;
    }

    Map<String, Object> next(Predicate<Map<String, Object>> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Map<String, Object> m;
            try {
                m = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (m == null) {
                fail("no message within " + WAIT.toMillis() + " ms" + (closeCode.isDone()
                        ? " (closed " + closeCode.join() + " " + closeReason + ")" : ""));
            }
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    /** The next {@code n} ticker messages, failing on any other message type except heartbeats. */
    List<Map<String, Object>> tickers(int n) {
        List<Map<String, Object>> tickers = new ArrayList<>();
        while (tickers.size() < n) {
            tickers.add(next("ticker"));
        }
        return tickers;
    }

    /** Sends a command and returns the next non-heartbeat message. */
    Map<String, Object> request(String json) {
        send(json);
        return next();
    }

    int awaitClose() {
        return closeCode.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(Json.object(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeReason = error.toString();
        closeCode.complete(-1);
    }

    /** Closes politely (waiting briefly for the server's answer), then drops the connection. */
    @Override
    public void close() {
        if (!socket.isOutputClosed() && !closeCode.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            closeCode.completeOnTimeout(-1, 2, TimeUnit.SECONDS).join();
        }
        socket.abort();
    }
}
