package dev.tickerplant.sim.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JDK WebSocket client that queues every text message it receives and records how the connection ended. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private volatile int closeCode = -1;
    private volatile String closeReason;
    private volatile Throwable error;
    private WebSocket socket;

    private WsClient() {
    }

    public static WsClient connect(HttpClient http, URI uri) {
        WsClient client = new WsClient();
        client.socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, client).join();
        return client;
    }

    /** Attempts an upgrade that the server must refuse; returns the HTTP status it answered with. */
    public static int rejectedStatus(HttpClient http, URI uri) {
        try {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, new WsClient()).join();
            socket.abort();
            return fail("upgrade to " + uri + " was accepted (expected a rejection)");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw e;
        }
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message, or a test failure after {@code timeout}. */
    public String next(Duration timeout) {
        try {
            String message = messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (message == null) {
                fail("no message within " + timeout.toMillis() + " ms" + endedDescription());
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String next() {
        return next(TIMEOUT);
    }

    public Map<String, Object> nextJson() {
        return TestJson.object(next());
    }

    /** Skips messages until one matches; returns it parsed. */
    public Map<String, Object> nextMatching(Predicate<Map<String, Object>> predicate, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("no matching message within " + timeout.toMillis() + " ms" + endedDescription());
            }
            Map<String, Object> message = TestJson.object(next(Duration.ofNanos(left)));
            if (predicate.test(message)) {
                return message;
            }
        }
    }

    /** Asserts that nothing arrives for {@code quiet}. */
    public void assertSilentFor(Duration quiet) {
        try {
            String message = messages.poll(quiet.toNanos(), TimeUnit.NANOSECONDS);
            if (message != null) {
                fail("expected silence for " + quiet.toMillis() + " ms but received " + message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Takes messages until none has arrived for {@code quiet}: what was already on its way has been delivered. */
    public List<String> drainUntilQuiet(Duration quiet, Duration timeout) {
        List<String> drained = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() - deadline < 0) {
                String message = messages.poll(quiet.toNanos(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    return drained;
                }
                drained.add(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return fail("messages kept arriving for " + timeout.toMillis() + " ms");
    }

    /** Every message received so far and not yet taken. */
    public List<String> drain() {
        List<String> drained = new ArrayList<>();
        messages.drainTo(drained);
        return drained;
    }

    /** Waits for the connection to end; returns a description such as {@code "close 1001 going away"} or {@code "error ..."}. */
    public String awaitEnd(Duration timeout) {
        try {
            return ended.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            return fail("connection did not end within " + timeout.toMillis() + " ms");
        }
    }

    public void assertClosedWith(int code, String reason, Duration timeout) {
        awaitEnd(timeout);
        assertEquals(code, closeCode, "close code" + endedDescription());
        assertEquals(reason, closeReason, "close reason");
    }

    public int closeCode() {
        return closeCode;
    }

    public Throwable error() {
        return error;
    }

    public boolean ended() {
        return ended.isDone();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        closeReason = reason;
        ended.complete("close " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable throwable) {
        error = throwable;
        ended.complete("error " + throwable);
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }

    private String endedDescription() {
        return ended.isDone() ? " (connection ended: " + ended.getNow("") + ")" : "";
    }
}
