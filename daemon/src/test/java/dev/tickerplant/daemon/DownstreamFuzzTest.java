package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.testing.LogCapture;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10 000 generated and mutated commands over four real WebSocket connections to a running daemon, with Netty's
 * leak detector at PARANOID (set here at run time, so it holds whichever test ran first in this JVM): every command is
 * answered exactly once, bad ones with an {@code error}, the connections stay open, nothing on the server throws, and
 * no buffer leaks.
 */
@EndToEnd
class DownstreamFuzzTest {
    private static final int CONNECTIONS = 4;
    private static final int COMMANDS = 10_000;
    /** Each connection's pace, so the 10 000/s limit set below is never what answers a command. */
    private static final long NANOS_BETWEEN_SENDS = TimeUnit.MICROSECONDS.toNanos(400);
    private static final String SENTINEL = "{\"type\":\"ping\"}";

    @TempDir
    Path dir;

    private ResourceLeakDetector.Level leakLevel;
    private Simulator sim;
    private Daemon daemon;

    @BeforeEach
    void start() {
        leakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        // Paused: no live ticks, so what arrives after a command is that command's answer (and its snapshot).
        sim = Simulator.start(SimulatorOptions.defaults().withStartPaused(true));
        daemon = Daemon.start(SettingsLoader.load(new String[] {
                "--upstream-url", sim.advancedTradeUri().toString(), "--rest-url", sim.restBaseUri().toString(),
                "--catalog-cache-file", dir.resolve("cache.json").toString(), "--listen-port", "0",
                "--top-n", "10", "--commands-per-second", "10000"}, Map.of()));
        await("the daemon streaming its snapshot")
                .until(() -> daemon.upstream().streamingCount() >= 1 && daemon.market().lastSeq() >= 10);
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        sim.close();
        ResourceLeakDetector.setLevel(leakLevel);
    }

    @Test
    void everyCommandGetsExactlyOneAnswerAndBadOnesAnErrorWithoutClosingOrLeaking() throws Exception {
        List<String> products = daemon.plan().shards().stream().flatMap(s -> s.productIds().stream()).toList();
        Map<CommandFuzzer.Expect, AtomicLong> counts = new EnumMap<>(CommandFuzzer.Expect.class);
        for (CommandFuzzer.Expect expect : CommandFuzzer.Expect.values()) {
            counts.put(expect, new AtomicLong());
        }
        Map<String, AtomicLong> errorCodes = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long errorsBefore = daemon.fanout().view().commandErrors();

        try (LogCapture log = LogCapture.ofEverything()) {
            List<Thread> threads = new ArrayList<>();
            List<WebSocketClient> sockets = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                WebSocketClient ws = WebSocketClient.to(daemon.fanout().port(), "/ws")
                        .readOnDemandAnsweringPings().connect();
                assertTrue(ws.next().contains("\"type\":\"welcome\""));
                sockets.add(ws);
                CommandFuzzer fuzzer = new CommandFuzzer(1000 + c, products);
                Thread thread = new Thread(() -> fuzz(ws, fuzzer, counts, errorCodes, failures), "fuzz-" + c);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(120_000);
            }
            for (WebSocketClient ws : sockets) {
                ws.send(SENTINEL);
                assertEquals("pong", typeOf(nextAnswer(ws)), "still open after the fuzz");
            }
            assertEquals(CONNECTIONS, daemon.fanout().view().subscriberCount());
            sockets.forEach(WebSocketClient::close);

            assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
            long sent = counts.values().stream().mapToLong(AtomicLong::get).sum();
            assertEquals(COMMANDS, sent);
            long errors = errorCodes.values().stream().mapToLong(AtomicLong::get).sum();
            assertEquals(errors, daemon.fanout().view().commandErrors() - errorsBefore,
                    "every error frame counted by the server");
            assertTrue(!errorCodes.containsKey("rate_limited"), "the pace kept under the raised limit: " + errorCodes);
            assertEquals(List.of(), log.withThrowable(), "no exception on the server side");
            assertEquals(List.of(), log.linesAtLeast(Level.WARN).stream()
                    .filter(l -> l.contains("dev.tickerplant.fanout")).toList());
            assertNoLeakReported(log);
            System.out.printf("downstream fuzz: %d commands over %d connections: %s; error codes %s%n", sent,
                    CONNECTIONS, counts, errorCodes);
            proveTheLeakDetectorWatches(log);
        }
    }

    @Test
    void protocolViolationsCloseWithTheirRfcCodesAndBinaryIsJustAnError() throws IOException {
        int port = daemon.fanout().port();
        try (WebSocketClient binary = WebSocketClient.to(port, "/ws").readOnDemandAnsweringPings().connect()) {
            binary.next();
            binary.sendBinary(new byte[] {1, 2, 3});
            String answer = nextAnswer(binary);
            assertTrue(answer.contains("\"code\":\"bad_request\"") && answer.contains("binary message"), answer);
            binary.send(SENTINEL);
            assertEquals("pong", typeOf(nextAnswer(binary)));
        }
        try (WebSocketClient invalidUtf8 = WebSocketClient.to(port, "/ws").readOnDemandAnsweringPings().connect()) {
            invalidUtf8.next();
            invalidUtf8.sendTextBytes(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            WebSocketClient.Frame close = nextClose(invalidUtf8);
            assertEquals(1007, close.closeCode(), "RFC 6455: invalid UTF-8 in a text message fails the connection");
        }
        try (WebSocketClient oversized = WebSocketClient.to(port, "/ws").readOnDemandAnsweringPings().connect()) {
            oversized.next();
            oversized.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
            assertEquals(1009, nextClose(oversized).closeCode(), "over max-command-size");
        }
    }

    private static void fuzz(WebSocketClient ws, CommandFuzzer fuzzer, Map<CommandFuzzer.Expect, AtomicLong> counts,
                             Map<String, AtomicLong> errorCodes, List<String> failures) {
        long nextSend = System.nanoTime();
        try {
            for (int i = 0; i < COMMANDS / CONNECTIONS; i++) {
                CommandFuzzer.Case command = fuzzer.next();
                long wait = nextSend - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing, not synchronisation
                }
                nextSend = Math.max(nextSend, System.nanoTime()) + NANOS_BETWEEN_SENDS;
                if (command.binary() != null) {
                    ws.sendBinary(command.binary());
                } else {
                    ws.send(command.text());
                }
                ws.send(SENTINEL);
                counts.get(command.expect()).incrementAndGet();
                String answer = nextAnswer(ws);
                String type = typeOf(answer);
                if (type.equals("error")) {
                    String code = fieldOf(answer, "code");
                    errorCodes.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
                    if (answer.contains("\n")) {
                        failures.add("a multi-line error message: " + answer);
                    }
                }
                boolean ok = switch (command.expect()) {
                    case REPLY -> type.equals(command.reply());
                    case ERROR, BINARY -> type.equals("error");
                    case EITHER -> CommandFuzzer.REPLIES.contains(type);
                };
                if (!ok) {
                    failures.add(command.expect() + " " + shorten(command.text()) + " answered " + shorten(answer));
                }
                // Whatever else the command caused (snapshot, replay, status) comes before the sentinel's pong.
                if (type.equals("pong")) {
                    answer = nextAnswer(ws);
                }
                while (!typeOf(answer).equals("pong")) {
                    answer = nextAnswer(ws);
                }
            }
        } catch (IOException | RuntimeException e) {
            failures.add("connection failed: " + e);
        }
    }

    /** The next answer to a command, skipping what a command may also cause: tickers, snapshots, status. */
    private static String nextAnswer(WebSocketClient ws) throws IOException {
        while (true) {
            WebSocketClient.Frame frame = ws.nextFrame();
            if (frame.isClose()) {
                throw new IOException("closed by the server with " + frame.closeCode());
            }
            String text = frame.text();
            if (CommandFuzzer.REPLIES.contains(typeOf(text))) {
                return text;
            }
        }
    }

    private static WebSocketClient.Frame nextClose(WebSocketClient ws) throws IOException {
        while (true) {
            WebSocketClient.Frame frame = ws.nextFrame();
            if (frame.isClose()) {
                return frame;
            }
        }
    }

    /** GC collects what nobody released; the next tracked allocation makes the detector report it. */
    private static void assertNoLeakReported(LogCapture log) {
        for (int i = 0; i < 3; i++) {
            System.gc();
            PooledByteBufAllocator.DEFAULT.directBuffer(64).release();
            PooledByteBufAllocator.DEFAULT.heapBuffer(64).release();
        }
        assertEquals(List.of(), log.lines().stream().filter(l -> l.contains("LEAK:")).toList());
    }

    /**
     * Leaks one buffer on purpose, after the real check, to show that a leak would have been reported: without this a
     * silent detector would pass the check above.
     */
    private static void proveTheLeakDetectorWatches(LogCapture log) {
        leakOneBuffer();
        await("the leak detector reporting a real leak").until(() -> {
            System.gc();
            PooledByteBufAllocator.DEFAULT.directBuffer(64).release();
            return log.lines().stream().anyMatch(l -> l.contains("LEAK:"));
        });
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        leaked.writeBytes("deliberate leak".getBytes(StandardCharsets.US_ASCII));
    }

    private static String typeOf(String json) {
        return fieldOf(json, "type");
    }

    /** The string field {@code name} of a JSON object, or "" (not an object, no such string field, not JSON). */
    private static String fieldOf(String json, String name) {
        try {
            JsonNode field = Json.tree(json).path(name);
            return field.isTextual() ? field.asText() : "";
        } catch (UncheckedIOException notJson) {
            return "";
        }
    }

    private static String shorten(String text) {
        if (text == null) {
            return "(binary)";
        }
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
