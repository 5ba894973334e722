package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine.IO long-polling spoken by hand against a daemon on the simulator, as a client that never upgrades (restricted
 * to polling, or behind a proxy that blocks WebSockets): it gets {@code ticker_update} and {@code status} events in
 * its poll answers, its {@code subscribe} and {@code unsubscribe} acked and applied (or answered with an error) as on
 * a WebSocket, the CORS headers an allowed page needs, and takes a {@code max-clients} slot.
 */
class SocketIoPollingTest {
    private static final String ORIGIN = "https://app.example.com";
    private static final String PREFIX = "/socket.io/?EIO=4&transport=polling";

    @TempDir
    Path dir;
    private Simulator sim;
    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aPollingOnlyClientReceivesTickerUpdatesInSeqOrderPerProduct() {
        start();
        String sid = connect();
        List<Map<String, Object>> tickers = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            tickers.addAll(events(poll(sid), "ticker_update"));
            assertTrue(tickers.size() >= 10, () -> tickers.size() + " ticker_update events so far");
        });
        Map<String, Long> lastSeq = new HashMap<>();
        for (Map<String, Object> t : tickers) {
            String product = (String) t.get("product_id");
            assertEquals(product.substring(0, product.indexOf('-')), t.get("crypto"), () -> "crypto of " + t);
            assertTrue(t.get("price") instanceof Number, () -> "price as a number: " + t);
            long seq = ((Number) t.get("seq")).longValue();
            assertEquals(product, Json.<String>at(t, "ticker", "product_id"));
            Long before = lastSeq.put(product, seq);
            assertTrue(before == null || seq > before, () -> product + ": seq " + seq + " after " + before);
        }
    }

    @Test
    void aPollingOnlyClientReceivesStatusWhenAConnectionStalls() {
        start("--backoff-initial", "100ms", "--backoff-max", "500ms");
        String sid = connect();
        await("ticks before the stall").atMost(Duration.ofSeconds(30))
                .until(() -> !events(poll(sid), "ticker_update").isEmpty());
        sim.faults().rejectNextConnections(1_000_000);
        sim.faults().stall(sim.connections().get(0).id(), true);
        List<Map<String, Object>> status = new CopyOnWriteArrayList<>();
        await("a status event").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            status.addAll(events(poll(sid), "status"));
            assertTrue(status.stream().anyMatch(s -> "stale".equals(s.get("state"))), () -> "status " + status);
        });
        Map<String, Object> stale = status.stream().filter(s -> "stale".equals(s.get("state"))).findFirst()
                .orElseThrow();
        assertEquals("status", stale.get("type"), () -> "the native status object: " + stale);
        assertTrue(!((List<?>) stale.get("products")).isEmpty(), () -> "its products: " + stale);
    }

    @Test
    void aPollingOnlyClientsSubscribeIsAckedAndNarrowsItsTickerUpdatesAndUnsubscribeStopsThem() {
        start("--products", "BTC-USD,ETH-USD,SOL-USD");
        String sid = connect();
        assertPosted(sid, "420[\"subscribe\",{\"products\":[\"BTC-USD\"],\"snapshot\":false}]");
        List<String> afterSubscribe = untilAck(sid, 0);
        assertEquals(Map.of("type", "subscriptions", "channels", Map.of("ticker", List.of("BTC-USD"),
                "status", List.of(), "alerts", List.of())), ack(afterSubscribe.get(0)));
        List<Map<String, Object>> tickers = new ArrayList<>(events(afterSubscribe, "ticker_update"));
        await("BTC-USD ticks").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            tickers.addAll(events(poll(sid), "ticker_update"));
            assertTrue(tickers.size() >= 5, () -> tickers.size() + " ticker_update events so far");
        });
        tickers.forEach(t -> assertEquals("BTC-USD", t.get("product_id"), () -> "after subscribing to BTC-USD: " + t));

        assertPosted(sid, "421[\"unsubscribe\",{\"products\":[\"BTC-USD\"]}]"
                + "\u001e422[\"subscribe\",{\"products\":[\"ETH-USD\"],\"snapshot\":false}]");
        List<String> afterUnsubscribe = untilAck(sid, 1);
        assertEquals(Map.of("type", "subscriptions", "channels", Map.of("ticker", List.of(),
                "status", List.of(), "alerts", List.of())), ack(afterUnsubscribe.get(0)));
        List<String> afterSwitch = afterUnsubscribe.size() > 1 && afterUnsubscribe.get(1).startsWith("432[")
                ? afterUnsubscribe.subList(1, afterUnsubscribe.size()) : untilAck(sid, 2);
        List<Map<String, Object>> later = new ArrayList<>(events(afterSwitch, "ticker_update"));
        await("ETH-USD ticks").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            later.addAll(events(poll(sid), "ticker_update"));
            assertTrue(later.size() >= 5, () -> later.size() + " ticker_update events so far");
        });
        later.forEach(t -> assertEquals("ETH-USD", t.get("product_id"), () -> "after unsubscribing BTC-USD: " + t));
    }

    @Test
    void aPollingOnlyClientsBadSubscribeIsAnsweredWithAnError() {
        start("--products", "BTC-USD,ETH-USD");
        String sid = connect();
        assertPosted(sid, "427[\"subscribe\",{\"products\":[\"NOPE-USD\"]}]");
        Map<String, Object> error = ack(untilAck(sid, 7).get(0));
        assertEquals("error", error.get("type"), () -> "answer " + error);
        assertEquals("unknown_product", error.get("code"), () -> "answer " + error);
        assertTrue(String.valueOf(error.get("message")).contains("NOPE-USD"), () -> "answer " + error);
        assertPosted(sid, "42[\"publish\",{}]");
        await("the error event").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> errors = events(poll(sid), "error");
            assertEquals(1, errors.size(), () -> "error events " + errors);
            assertEquals("unknown_type", errors.get(0).get("code"));
        });
    }

    @Test
    void productsAreNamedByTheRuleOfTheProductsSettingAsOnTheNativeEndpoint() {
        start("--products", "BTC-USD,ETH-USD,SOL-USD");
        String sid = connect();

        // Any case; a bare base currency is that base in the quote currency (USD here); one product named twice is one.
        assertPosted(sid, "420[\"subscribe\",{\"products\":[\"btc\",\"Eth-Usd\",\"BTC-USD\"],\"snapshot\":false}]");
        assertEquals(Map.of("ticker", List.of("BTC-USD", "ETH-USD"), "status", List.of(), "alerts", List.of()),
                ack(untilAck(sid, 0).get(0)).get("channels"));
        assertPosted(sid, "421[\"unsubscribe\",{\"products\":[\"eth\"]}]");
        assertEquals(Map.of("ticker", List.of("BTC-USD"), "status", List.of(), "alerts", List.of()),
                ack(untilAck(sid, 1).get(0)).get("channels"));
        List<Map<String, Object>> tickers = new ArrayList<>();
        await("BTC-USD ticks").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            tickers.addAll(events(poll(sid), "ticker_update"));
            assertTrue(tickers.size() >= 3, () -> tickers.size() + " ticker_update events so far");
        });
        tickers.forEach(t -> assertEquals("BTC-USD", t.get("product_id"), () -> "after unsubscribing eth: " + t));

        assertPosted(sid, "422[\"subscribe\",{\"products\":[\"DOGE\"]}]");
        Map<String, Object> error = ack(untilAck(sid, 2).get(0));
        assertEquals("unknown_product", error.get("code"), () -> "a product the daemon does not follow: " + error);
        assertTrue(String.valueOf(error.get("message")).startsWith("unknown product \"DOGE\""),
                () -> "names what the client sent: " + error);
    }

    @Test
    void errorRepliesEchoWhatTheClientSentEscapedAndCut() {
        start("--products", "BTC-USD,ETH-USD");
        String sid = connect();

        assertPosted(sid, "420[\"subscribe\",{\"products\":[\"BTC-USD\\n\\u001b[2J\"]}]");
        String escaped = untilAck(sid, 0).get(0);
        Map<String, Object> error = ack(escaped);
        assertEquals("unknown_product", error.get("code"), () -> "answer " + error);
        assertTrue(String.valueOf(error.get("message")).startsWith("unknown product \"BTC-USD\\n\\u001b[2J\": "),
                () -> "answer " + error);
        assertPrintableLine(escaped);

        String id = "X".repeat(5000);
        assertPosted(sid, "421[\"unsubscribe\",{\"products\":[\"" + id + "\"]}]");
        String cut = untilAck(sid, 1).get(0);
        String shown = "X".repeat(64) + "...";
        assertTrue(String.valueOf(ack(cut).get("message")).startsWith("unknown product \"" + shown + "\": "),
                () -> "answer " + cut);
        assertTrue(cut.length() < 300, () -> cut.length() + " characters for a 5000-character id: " + cut);

        assertPosted(sid, "42[\"sub\\r\\nscribe\",{}]");
        await("the error event").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> errors = events(poll(sid), "error");
            assertEquals(1, errors.size(), () -> "error events " + errors);
            assertEquals("unknown event \"sub\\r\\nscribe\": expected subscribe or unsubscribe",
                    errors.get(0).get("message"));
        });
    }

    @Test
    void aPostLargerThanMaxCommandSizeIsRefusedAndNotCarriedOut() {
        start("--products", "BTC-USD,ETH-USD", "--max-command-size", "1KiB");
        String sid = connect();
        String oversized = "420[\"subscribe\",{\"products\":[\"BTC-USD\"],\"pad\":\"" + "x".repeat(1024) + "\"}]";
        try (Http.RawResponse refused = post(sid, oversized)) {
            assertEquals(413, refused.status(), refused.body());
        }
        assertPosted(sid, "421[\"subscribe\",{\"products\":[\"ETH-USD\"]}]");
        List<String> answered = untilAck(sid, 1);
        assertEquals(Map.of("ticker", List.of("ETH-USD"), "status", List.of(), "alerts", List.of()),
                ack(answered.get(0)).get("channels"), "only the subscribe within the limit was carried out");
    }

    @Test
    void pollingAnswersCarryCorsHeadersForAnAllowedOriginAndPreflightsAreAnswered() {
        start("--allowed-origins", ORIGIN);
        try (Http.RawResponse handshake = Http.raw(port(), "GET", PREFIX, "Origin: " + ORIGIN)) {
            assertEquals(200, handshake.status(), handshake.body());
            assertEquals(ORIGIN, handshake.header("Access-Control-Allow-Origin"));
            assertEquals("true", handshake.header("Access-Control-Allow-Credentials"));
        }
        try (Http.RawResponse preflight = Http.raw(port(), "OPTIONS", PREFIX, "Origin: " + ORIGIN,
                "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type")) {
            assertEquals(204, preflight.status());
            assertEquals(ORIGIN, preflight.header("Access-Control-Allow-Origin"));
            assertEquals("true", preflight.header("Access-Control-Allow-Credentials"));
            assertTrue(preflight.header("Access-Control-Allow-Methods").contains("POST"),
                    () -> "methods " + preflight.header("Access-Control-Allow-Methods"));
            assertEquals("content-type", preflight.header("Access-Control-Allow-Headers"));
        }
        try (Http.RawResponse foreign = Http.raw(port(), "GET", PREFIX, "Origin: https://evil.example.com")) {
            assertEquals(403, foreign.status());
            assertEquals(null, foreign.header("Access-Control-Allow-Origin"));
        }
    }

    @Test
    void aPollingSessionTakesAMaxClientsSlotUntilItCloses() {
        start("--max-clients", "1");
        String sid = connect();
        try (Http.RawResponse full = Http.raw(port(), "GET", PREFIX)) {
            assertEquals(503, full.status(), full.body());
            assertTrue(full.body().contains("max-clients"), full.body());
        }
        try (Http.RawResponse closed = post(sid, "1")) {
            assertEquals(200, closed.status(), closed.body());
        }
        await("the slot given back").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Http.RawResponse again = Http.raw(port(), "GET", PREFIX)) {
                assertEquals(200, again.status(), again.body());
            }
        });
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private void start(String... extra) {
        sim = Simulator.start(SimulatorOptions.defaults().withTickRate(400));
        List<String> args = new ArrayList<>(List.of("--upstream-url", sim.advancedTradeUri().toString(),
                "--rest-url", sim.restBaseUri().toString(),
                "--catalog-cache-file", dir.resolve("cache.json").toString(), "--listen-port", "0"));
        args.addAll(List.of(extra));
        daemon = Daemon.start(SettingsLoader.load(args.toArray(String[]::new), Map.of()));
    }

    private int port() {
        return daemon.fanout().port();
    }

    /** The Engine.IO handshake and the Socket.IO CONNECT; the session's sid. */
    private String connect() {
        String sid;
        try (Http.RawResponse handshake = Http.raw(port(), "GET", PREFIX, "Origin: " + ORIGIN)) {
            assertEquals(200, handshake.status(), handshake.body());
            assertTrue(handshake.body().startsWith("0{"), handshake.body());
            sid = (String) Json.object(handshake.body().substring(1)).get("sid");
        }
        try (Http.RawResponse connect = post(sid, "40")) {
            assertEquals("ok", connect.body());
        }
        String answer = poll(sid);
        assertTrue(answer.startsWith("40{\"sid\":"), () -> "the CONNECT answer first: " + answer);
        return sid;
    }

    private String poll(String sid) {
        try (Http.RawResponse answer = Http.raw(port(), "GET", PREFIX + "&sid=" + sid)) {
            assertEquals(200, answer.status(), answer.body());
            return answer.body();
        }
    }

    private Http.RawResponse post(String sid, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + PREFIX + "&sid=" + sid + " HTTP/1.1\r\nHost: 127.0.0.1:" + port()
                + "\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        return Http.raw(port(), (head + body).getBytes(StandardCharsets.UTF_8));
    }

    private void assertPosted(String sid, String body) {
        try (Http.RawResponse posted = post(sid, body)) {
            assertEquals(200, posted.status(), posted.body());
            assertEquals("ok", posted.body());
        }
    }

    /** Polls until the ack {@code 43<id>[...]} comes; it and the packets after it in that answer. */
    private List<String> untilAck(String sid, int ackId) {
        String prefix = "43" + ackId + "[";
        List<String> found = new ArrayList<>();
        await("the ack " + ackId).atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> packets = List.of(poll(sid).split("\u001e"));
            for (int i = 0; i < packets.size(); i++) {
                if (packets.get(i).startsWith(prefix)) {
                    found.addAll(packets.subList(i, packets.size()));
                    return true;
                }
            }
            return false;
        });
        return found;
    }

    /** The one argument of an ack packet {@code 43<id>[{...}]}. */
    private static Map<String, Object> ack(String packet) {
        return Json.object(packet.substring(packet.indexOf('[') + 1, packet.length() - 1));
    }

    /** One line of printable ASCII: nothing the client sent can break it or hide in it. */
    private static void assertPrintableLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertTrue(c >= 0x20 && c < 0x7f, "character " + i + " of " + text);
        }
    }

    private static List<Map<String, Object>> events(List<String> packets, String name) {
        return events(String.join("\u001e", packets), name);
    }

    /** The data of each {@code 42["name",{...}]} packet of a polling answer. */
    private static List<Map<String, Object>> events(String payload, String name) {
        List<Map<String, Object>> data = new ArrayList<>();
        String prefix = "42[\"" + name + "\",";
        for (String packet : payload.split("\u001e")) {
            if (packet.startsWith(prefix)) {
                data.add(Json.object(packet.substring(prefix.length(), packet.length() - 1)));
            }
        }
        return data;
    }
}
