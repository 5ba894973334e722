package dev.tickerplant.bench.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Downstream abuse beside the ordinary subscribers, from the harness's own JVM (the JDK's WebSocket client, so it
 * costs the daemon's process nothing of its own): a stream of hostile commands on one connection, opened again
 * whenever the server closes it, and connect/disconnect cycles, each spread evenly over a window.
 */
final class HostileClients implements AutoCloseable {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> PRODUCTS = List.of("BTC-USD", "ETH-USD", "SOL-USD", "DOGE-USD", "XRP-USD");

    private final URI webSocket;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SplittableRandom random;
    private final AtomicLong commandsSent = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong commandConnections = new AtomicLong();
    private final AtomicLong commandErrors = new AtomicLong();
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong cycleErrors = new AtomicLong();
    private Thread commandThread;
    private Thread cycleThread;

    HostileClients(URI webSocket, long seed) {
        this.webSocket = webSocket;
        this.random = new SplittableRandom(seed);
    }

    /** Starts both streams: {@code commands} hostile commands and {@code connectCycles} cycles over {@code window}. */
    void start(Duration window, int commands, int connectCycles) {
        long started = System.nanoTime();
        commandThread = new Thread(() -> sendCommands(started, window, commands), "bench-hostile-commands");
        cycleThread = new Thread(() -> cycle(started, window, connectCycles), "bench-connect-cycles");
        commandThread.setDaemon(true);
        cycleThread.setDaemon(true);
        commandThread.start();
        cycleThread.start();
    }

    /** Waits for both streams to finish (they end with their window, give or take one step's timeout). */
    void awaitDone() {
        try {
            commandThread.join(STEP_TIMEOUT.toMillis() * 3);
            cycleThread.join(STEP_TIMEOUT.toMillis() * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hostile_commands_sent", commandsSent.get());
        json.put("hostile_command_answers", answers.get());
        json.put("hostile_command_connections", commandConnections.get());
        json.put("hostile_command_errors", commandErrors.get());
        json.put("connect_cycles", cycles.get());
        json.put("connect_cycle_errors", cycleErrors.get());
        return json;
    }

    @Override
    public void close() {
        for (Thread thread : new Thread[] {commandThread, cycleThread}) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    private void sendCommands(long started, Duration window, int commands) {
        long every = window.toNanos() / Math.max(1, commands);
        Connection connection = null;
        for (int i = 0; i < commands && !Thread.currentThread().isInterrupted(); i++) {
            parkUntil(started + i * every);
            try {
                if (connection == null || connection.closed.isDone()) {
                    if (connection != null) {
                        connection.socket.abort();
                    }
                    connection = open(webSocket.resolve("/ws"));
                    commandConnections.incrementAndGet();
                }
                Object command = nextCommand();
                CompletableFuture<WebSocket> sent = command instanceof byte[] bytes
                        ? connection.socket.sendBinary(ByteBuffer.wrap(bytes), true)
                        : connection.socket.sendText((String) command, true);
                sent.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                commandsSent.incrementAndGet();
            } catch (Exception e) {
                commandErrors.incrementAndGet();
                if (connection != null) {
                    connection.socket.abort();
                }
                connection = null;
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (connection != null) {
            connection.socket.abort();
        }
    }

    /** Connect, read the welcome, close with 1000 and wait for the server's close; every tenth follows everything. */
    private void cycle(long started, Duration window, int connectCycles) {
        long every = window.toNanos() / Math.max(1, connectCycles);
        for (int i = 0; i < connectCycles && !Thread.currentThread().isInterrupted(); i++) {
            parkUntil(started + i * every);
            Connection connection = null;
            try {
                connection = open(webSocket.resolve(i % 10 == 0 ? "/ws?products=*" : "/ws"));
                connection.firstMessage.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                connection.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(STEP_TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS);
                connection.closed.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                cycles.incrementAndGet();
            } catch (Exception e) {
                cycleErrors.incrementAndGet();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            } finally {
                if (connection != null) {
                    connection.socket.abort();
                }
            }
        }
    }

    /** One open WebSocket: its first message and its close, as futures. */
    private record Connection(WebSocket socket, CompletableFuture<Void> firstMessage, CompletableFuture<Void> closed) {
    }

    private Connection open(URI uri) throws Exception {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                if (last) {
                    answers.incrementAndGet();
                    first.complete(null);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                closed.complete(null);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                closed.complete(null);
            }
        };
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(STEP_TIMEOUT).buildAsync(uri, listener)
                .get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return new Connection(socket, first, closed);
    }

    /**
     * A command a careless or hostile client sends: garbage, deep nesting, huge strings, unknown or wrong-typed
     * fields, binary frames, and valid but costly ones (replays, the product list, statistics). Text as a String,
     * binary as a byte[].
     */
    Object nextCommand() {
        String product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
        return switch (random.nextInt(12)) {
            case 0 -> printable(random.nextInt(1, 200));
            case 1 -> "{\"type\":\"subscribe\",\"products\":" + "[".repeat(random.nextInt(20, 3000)) + "]]]}";
            case 2 -> "{\"type\":\"subscribe\",\"products\":[\"" + "X".repeat(random.nextInt(100, 60_000)) + "\"]}";
            case 3 -> "{\"type\":\"zz" + printable(8).replace('"', 'q').replace('\\', 'q') + "\"}";
            case 4 -> "{\"type\":\"subscribe\",\"products\":[\"" + product + "\"],\"since_seq\":"
                    + (random.nextBoolean() ? "-5" : "123456789012345678901234567890") + "}";
            case 5 -> {
                byte[] bytes = new byte[random.nextInt(1, 300)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 6 -> "{\"type\":\"subscribe\",\"products\":[\"*\"],\"channels\":[\"ticker\",\"status\"],"
                    + "\"snapshot\":true,\"since_seq\":" + random.nextInt(0, 1000) + "}";
            case 7 -> "{\"type\":\"unsubscribe\",\"products\":[\"*\"],\"channels\":[\"ticker\"]}";
            case 8 -> "{\"type\":\"get_products\"}";
            case 9 -> "{\"type\":\"get_status\"}";
            case 10 -> "{\"type\":\"ping\",\"stats\":true}";
            default -> "{\"type\":\"subscribe\",\"products\":[\"" + product + "\"],\"min_change_pct\":"
                    + (random.nextBoolean() ? "-1" : "1e9") + "}";
        };
    }

    private String printable(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(0x20, 0x7f);
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static void parkUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(left);
        }
    }
}
