package dev.tickerplant.compat;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.fanout.Json;
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

/** A real WebSocket client (the JDK's) on a Coinbase-compatible endpoint; it queues every message, parsed and raw. */
final class CoinbaseWsClient implements WebSocket.Listener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A received message: its exact text and its parsed form. */
    record Message(String text, Map<String, Object> json) {
        Object get(String key) {
            return json.get(key);
        }
    }

    final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static CoinbaseWsClient connect(int port, CoinbaseProtocol protocol) {
        CoinbaseWsClient client = new CoinbaseWsClient();
        client.socket = HTTP.newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + CompatPaths.of(protocol)), client)
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        return client;
    }

    void send(String json) {
        socket.sendText(json, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    Message next() {
        return next(m -> true);
    }

    /** The next message that {@code wanted} accepts; the ones before it are dropped. */
    Message next(Predicate<Message> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Message m;
            try {
                m = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (m == null) {
                fail("no wanted message within " + WAIT.toMillis() + " ms" + (closeCode.isDone()
                        ? " (closed " + closeCode.join() + ")" : ""));
            }
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    /** Every message that arrives within {@code window}. */
    List<Message> during(Duration window) {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return out;
            }
            try {
                Message m = messages.poll(left, TimeUnit.NANOSECONDS);
                if (m != null) {
                    out.add(m);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static Predicate<Message> channel(String name) {
        return m -> name.equals(m.get("channel"));
    }

    static Predicate<Message> type(String name) {
        return m -> name.equals(m.get("type"));
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            messages.add(new Message(text, Json.object(text)));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed() && !closeCode.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            closeCode.completeOnTimeout(-1, 2, TimeUnit.SECONDS).join();
        }
        socket.abort();
    }
}
