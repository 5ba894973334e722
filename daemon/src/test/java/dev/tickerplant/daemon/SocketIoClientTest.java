package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.NodeProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The unmodified socket.io-client (npm, pinned in compat-tests/socketio/package-lock.json) against a daemon on the
 * simulator: with its defaults (long-polling, then the upgrade to WebSocket) and with {@code transports:
 * ["websocket"]} it receives {@code ticker_update} events with the documented fields; a subscribe is acked with the
 * subscriptions and narrows the events to its product, a bad one is answered with an error, on either transport alone;
 * with {@code transports: ["polling"]} the events arrive in the poll answers; a missing bearer token or a foreign
 * Origin is refused on either transport. Skipped only when {@code node} is not installed.
 */
@EndToEnd
class SocketIoClientTest {
    private static final Path PROJECT = Path.of("..", "compat-tests", "socketio").toAbsolutePath().normalize();

    private final List<Process> processes = new ArrayList<>();
    private Simulator sim;
    private Daemon daemon;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void defaultTransportsPollThenUpgradeAndReceiveTickerUpdates() throws Exception {
        start();
        List<Map<String, Object>> out = follow("{}");
        await().untilAsserted(() -> assertTrue(has(out, "upgrade") && tickers(out, "websocket").size() >= 3,
                () -> "output " + out));
        assertEquals("polling", first(out, "open").get("transport"), () -> "output " + out);
        assertEquals("websocket", first(out, "upgrade").get("transport"), () -> "output " + out);
        tickers(out, "websocket").forEach(SocketIoClientTest::assertDocumentedFields);
        List<Long> seqs = tickers(out, "websocket").stream().map(t -> ((Number) t.get("seq")).longValue()).toList();
        assertTrue(isIncreasing(seqs), () -> "seq not increasing: " + seqs);
        assertTrue(!has(out, "disconnect") && !has(out, "connect_error"), () -> "output " + out);
    }

    @Test
    void pollingOnlyReceivesTickerUpdates() throws Exception {
        start();
        List<Map<String, Object>> out = follow("{\"transports\":[\"polling\"]}");
        await().untilAsserted(() -> assertTrue(tickers(out, "polling").size() >= 3, () -> "output " + out));
        assertEquals("polling", first(out, "connect").get("transport"), () -> "output " + out);
        tickers(out, "polling").forEach(SocketIoClientTest::assertDocumentedFields);
        assertTrue(!has(out, "upgrade") && !has(out, "disconnect") && !has(out, "connect_error"),
                () -> "output " + out);
    }

    @Test
    void websocketOnlyReceivesTickerUpdatesAndSubscribeIsAckedOrRefused() throws Exception {
        start();
        assertSubscribeIsAckedOrRefused("websocket");
    }

    @Test
    void pollingOnlySubscribeIsAckedOrRefusedAndNarrowsTheTickerUpdates() throws Exception {
        start();
        List<Map<String, Object>> out = assertSubscribeIsAckedOrRefused("polling");
        assertTrue(!has(out, "upgrade") && !has(out, "disconnect"), () -> "output " + out);
    }

    /** A client on {@code transport} alone subscribes to ETH-USD, then to an unknown product; its output. */
    private List<Map<String, Object>> assertSubscribeIsAckedOrRefused(String transport) throws Exception {
        List<Map<String, Object>> out = follow("{\"transports\":[\"" + transport + "\"],"
                + "\"subscribe\":{\"products\":[\"ETH-USD\"],\"channels\":[\"ticker\",\"alerts\"]},"
                + "\"badSubscribe\":{\"products\":[\"NOPE-USD\"]}}");
        await().untilAsserted(() -> assertEquals(2, all(out, "ack").size(), () -> "output " + out));
        assertEquals(transport, first(out, "connect").get("transport"));
        Map<String, Object> ack = data(all(out, "ack").get(0));
        assertEquals("subscriptions", ack.get("type"), () -> "ack " + ack);
        assertEquals(Map.of("ticker", List.of("ETH-USD"), "status", List.of(), "alerts", List.of("ETH-USD")),
                ack.get("channels"));
        Map<String, Object> refused = data(all(out, "ack").get(1));
        assertEquals("error", refused.get("type"));
        assertEquals("unknown_product", refused.get("code"));
        assertTrue(String.valueOf(refused.get("message")).contains("NOPE-USD"), () -> "error " + refused);

        int acked = out.indexOf(all(out, "ack").get(0));
        await().untilAsserted(() -> assertTrue(tickersAfter(out, acked).size() >= 3, () -> "output " + out));
        tickersAfter(out, acked).forEach(t -> {
            assertDocumentedFields(t);
            assertEquals("ETH-USD", t.get("product_id"), () -> "after subscribing to ETH-USD only: " + t);
        });
        return out;
    }

    @Test
    void missingTokenAndForeignOriginAreRefusedOnBothTransports() throws Exception {
        start("--auth-token", "s3cret-token-for-tests", "--allowed-origins", "https://app.example.com");
        List<Map<String, Object>> noToken = follow("{}");
        List<Map<String, Object>> noTokenWs = follow("{\"transports\":[\"websocket\"]}");
        List<Map<String, Object>> foreign = follow("{\"query\":{\"token\":\"s3cret-token-for-tests\"},"
                + "\"extraHeaders\":{\"Origin\":\"https://evil.example.com\"}}");
        List<Map<String, Object>> allowed = follow("{\"query\":{\"token\":\"s3cret-token-for-tests\"},"
                + "\"extraHeaders\":{\"Origin\":\"https://app.example.com\"}}");
        await().untilAsserted(() -> assertTrue(has(noToken, "connect_error") && has(noTokenWs, "connect_error")
                && has(foreign, "connect_error") && !tickers(allowed, "websocket").isEmpty(),
                () -> "no token " + noToken + "; no token, websocket " + noTokenWs + "; foreign " + foreign
                        + "; allowed " + allowed));
        for (List<Map<String, Object>> refused : List.of(noToken, noTokenWs, foreign)) {
            assertTrue(!has(refused, "connect") && !has(refused, "ticker_update"), () -> "output " + refused);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private void start(String... extra) throws Exception {
        Assumptions.assumeTrue(NodeProject.nodeInstalled(),
                "node is not installed: the Socket.IO test needs Node.js 18+");
        NodeProject.installIfMissing(PROJECT, "socket.io-client");
        sim = Simulator.start(SimulatorOptions.defaults().withTickRate(50));
        Path cache = Files.createTempDirectory("socketio").resolve("cache.json");
        List<String> args = new ArrayList<>(List.of("--upstream-url", sim.advancedTradeUri().toString(),
                "--rest-url", sim.restBaseUri().toString(), "--catalog-cache-file", cache.toString(),
                "--listen-port", "0", "--products", "BTC-USD,ETH-USD,SOL-USD"));
        args.addAll(List.of(extra));
        daemon = Daemon.start(SettingsLoader.load(args.toArray(String[]::new), Map.of()));
    }

    /** Starts follow.mjs with these options; its output lines, parsed, as they come. */
    private List<Map<String, Object>> follow(String options) throws IOException {
        Process node = new ProcessBuilder("node", "follow.mjs", "http://127.0.0.1:" + daemon.fanout().port(), options)
                .directory(PROJECT.toFile()).redirectErrorStream(true).start();
        processes.add(node);
        List<Map<String, Object>> out = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> NodeProject.readLines(node, line -> out.add(
                line.startsWith("{") ? Json.object(line) : Map.of("type", "not-json", "line", line))),
                "socketio-client-output");
        reader.setDaemon(true);
        reader.start();
        return out;
    }

    private static void assertDocumentedFields(Map<String, Object> t) {
        String product = (String) t.get("product_id");
        assertEquals(product.substring(0, product.indexOf('-')), t.get("crypto"), () -> "crypto of " + t);
        assertTrue(t.get("price") instanceof Number, () -> "price as a number: " + t);
        assertTrue(t.get("seq") instanceof Number, () -> "seq: " + t);
        @SuppressWarnings("unchecked")
        Map<String, Object> ticker = (Map<String, Object>) t.get("ticker");
        assertEquals(product, ticker.get("product_id"));
        assertEquals(((Number) t.get("seq")).longValue(), ((Number) ticker.get("seq")).longValue());
        assertEquals(0, new java.math.BigDecimal(String.valueOf(t.get("price")))
                .compareTo(new java.math.BigDecimal((String) ticker.get("price"))), () -> "price and exact price: " + t);
    }

    private static List<Map<String, Object>> tickers(List<Map<String, Object>> out, String transport) {
        return out.stream().filter(m -> "ticker_update".equals(m.get("type")) && transport.equals(m.get("transport")))
                .map(SocketIoClientTest::data).toList();
    }

    private static List<Map<String, Object>> tickersAfter(List<Map<String, Object>> out, int index) {
        // A copy first: the client's lines keep coming, and a view of the live list fails when one is added.
        List<Map<String, Object>> now = List.copyOf(out);
        return now.subList(index, now.size()).stream().filter(m -> "ticker_update".equals(m.get("type")))
                .map(SocketIoClientTest::data).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> line) {
        return (Map<String, Object>) line.get("data");
    }

    private static List<Map<String, Object>> all(List<Map<String, Object>> out, String type) {
        return out.stream().filter(m -> type.equals(m.get("type"))).toList();
    }

    private static boolean has(List<Map<String, Object>> out, String type) {
        return !all(out, type).isEmpty();
    }

    private static Map<String, Object> first(List<Map<String, Object>> out, String type) {
        return all(out, type).get(0);
    }

    private static boolean isIncreasing(List<Long> seqs) {
        for (int i = 1; i < seqs.size(); i++) {
            if (seqs.get(i) <= seqs.get(i - 1)) {
                return false;
            }
        }
        return true;
    }



}
