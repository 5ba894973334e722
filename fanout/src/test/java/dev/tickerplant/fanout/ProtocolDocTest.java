package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.fanout.protocol.CommandParser;
import dev.tickerplant.fanout.protocol.ErrorCode;
import dev.tickerplant.fanout.protocol.Fixtures;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.ingest.ring.TickOrigin;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md is the contract for client authors: every JSON example in it must parse, every command example must
 * be accepted by the server, and every server message example must have exactly the shape (keys, nesting and value
 * types) of what the server actually sends in the same situation.
 */
class ProtocolDocTest {
    private static final Path DOC = Path.of("..", "docs", "protocol.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLOSE_CODE = Pattern.compile("^\\| `(\\d{4})` \\| `([^`]*)` \\|", Pattern.MULTILINE);
    private static final long MINUTE = 60_000_000_000L;

    private final Harness harness = new Harness(Harness.options().withHeartbeatInterval(Duration.ofSeconds(2))
            .withVolumeAlerts(1, 3.0));

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void everyExampleParsesAndMatchesWhatTheServerSends() throws IOException {
        List<Map<String, Object>> examples = examples();
        Map<String, List<Map<String, Object>>> actual = actualMessages();

        Set<String> documentedTypes = new TreeSet<>();
        for (Map<String, Object> example : examples) {
            String type = (String) example.get("type");
            documentedTypes.add(type);
            if (CommandParser.TYPES.contains(type)) {
                assertAccepted(example);
                continue;
            }
            List<Map<String, Object>> candidates = actual.get(type);
            assertTrue(candidates != null, "the server never sent a \"" + type + "\" message in the scenario");
            assertTrue(candidates.stream().anyMatch(actualMessage -> sameShape(example, actualMessage)),
                    "documented " + type + " " + shape(example) + "\nactual: "
                            + candidates.stream().map(ProtocolDocTest::shape).distinct().toList());
        }
        Set<String> documentedServerTypes = new TreeSet<>(documentedTypes);
        documentedServerTypes.removeAll(CommandParser.TYPES);
        assertEquals(new TreeSet<>(actual.keySet()), documentedServerTypes,
                "every message type the server sends is documented, and nothing else");
        assertTrue(documentedTypes.containsAll(CommandParser.TYPES), "every command is documented");
    }

    @Test
    void everyErrorCodeAndCloseCodeIsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        Set<String> documentedCodes = examples().stream().filter(e -> "error".equals(e.get("type")))
                .map(e -> (String) e.get("code")).collect(Collectors.toSet());
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(documentedCodes.contains(code.wireName()), "no error example with code " + code.wireName());
        }
        Map<Integer, String> closes = new HashMap<>();
        Matcher m = CLOSE_CODE.matcher(doc);
        while (m.find()) {
            closes.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        assertEquals("server shutting down", closes.get(CloseCodes.GOING_AWAY));
        assertEquals("message too big", closes.get(CloseCodes.MESSAGE_TOO_BIG));
        assertEquals(CloseCodes.tooManyClients(1000), closes.get(CloseCodes.TRY_AGAIN_LATER));
        assertEquals(CloseCodes.slowConsumerReason(FanoutOptions.DEFAULT_SLOW_CLIENT_TIMEOUT),
                closes.get(CloseCodes.SLOW_CONSUMER));
        assertEquals("idle timeout", closes.get(CloseCodes.IDLE));
    }

    /** Runs a session that makes the server send every kind of message, and collects them by type. */
    private Map<String, List<Map<String, Object>>> actualMessages() {
        List<Map<String, Object>> all = new ArrayList<>();
        WebSocketClient client = harness.track(Harness.open(harness.port(), "/ws"));
        all.add(client.nextJson("welcome"));
        publishFixture("10-ticker-capture.json", true);
        publishFixture("37-ticker-capture.json", false);
        client.send("{\"type\":\"subscribe\",\"products\":[\"*\"],\"channels\":[\"ticker\",\"status\",\"alerts\"]}");
        all.add(client.nextJson("subscriptions"));
        all.add(client.nextJson("snapshot"));
        client.send("{\"type\":\"unsubscribe\",\"products\":[\"*\"],\"channels\":[\"ticker\"]}");
        all.add(client.nextJson("subscriptions"));
        client.send("{\"type\":\"subscribe\",\"products\":[\"BTC-PERP-INTX\",\"BTC-USD\"],\"snapshot\":false}");
        all.add(client.nextJson("subscriptions"));
        publishFixture("10-ticker-capture.json", true);
        publishFixture("37-ticker-capture.json", false);
        all.addAll(Harness.tickers(client, 2));
        all.add(client.request("{\"type\":\"ping\"}"));
        all.add(client.request("{\"type\":\"ping\",\"stats\":true}"));
        all.add(client.request("{\"type\":\"get_status\"}"));
        all.add(client.request("{\"type\":\"get_products\"}"));
        client.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"since_seq\":999999}");
        all.add(client.nextJson("subscriptions"));
        all.add(client.nextJson("replay_unavailable"));
        all.add(client.nextJson("snapshot"));
        client.send("{\"type\":\"subscribe\",\"products\":[\"BTC-PERP-INTX\"]}");
        all.add(client.nextJson("subscriptions"));
        all.add(client.nextJson("snapshot"));
        for (String bad : List.of("{\"type\":", "{\"type\":\"subscribe\"}", "{\"type\":\"subscribe_all\"}",
                "{\"type\":\"subscribe\",\"products\":[\"BTC-USX\"]}",
                "{\"type\":\"subscribe\",\"products\":[\"*\"],\"channels\":[\"trades\"]}")) {
            all.add(client.request(bad));
        }
        ConnectionStatus old = harness.upstream.get(0);
        harness.upstream = List.of(new ConnectionStatus(old.id(), "BACKOFF", false, old.products(), 0,
                "watchdog: no frame for 5000 ms", 1), harness.upstream.get(1));
        all.add(client.nextJson("status"));
        all.add(client.nextJson("status"));
        long t0 = 29_600_000L * MINUTE;
        harness.market.tick("ETH-USD", "3120.55", "2", t0);
        harness.market.tick("ETH-USD", "3120.55", "2", t0 + MINUTE);
        harness.market.tick("ETH-USD", "3120.55", "2", t0 + 2 * MINUTE);
        harness.market.tick("ETH-USD", "3121.00", "7", t0 + 3 * MINUTE);
        all.add(client.nextJson(m -> "volume_alert".equals(m.get("type")))); // after the other products' statuses
        all.add(client.nextJson(m -> "heartbeat".equals(m.get("type"))));

        try (Harness tight = new Harness(Harness.options().withMaxClients(1).withMaxSubscriptions(1)
                .withCommandsPerSecond(2))) {
            WebSocketClient limited = tight.client();
            all.add(limited.request("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\",\"ETH-USD\"]}"));
            limited.request("{\"type\":\"ping\"}");
            all.add(limited.request("{\"type\":\"ping\"}"));
            WebSocketClient rejected = tight.connect("/ws");
            all.add(rejected.nextJson("error"));
        }
        Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
        for (Map<String, Object> message : all) {
            byType.computeIfAbsent((String) message.get("type"), t -> new ArrayList<>()).add(message);
        }
        return byType;
    }

    private int published;

    private void publishFixture(String name, boolean advancedTrade) {
        TickerSlot slot = Fixtures.ticker(name, advancedTrade);
        published++;
        TickOrigin origin = new TickOrigin();
        origin.receivedNanos = System.nanoTime();
        origin.receivedEpochNanos = slot.exchangeTimeNanos + 1_523_000;
        TickField volume = TickField.VOLUME_24H;
        slot.field(volume).set(slot.field(volume).toString() + published); // a new trade, not a repeat
        if (slot.exchangeSequence >= 0) {
            slot.exchangeSequence += harness.market.ring.published();
        }
        long before = harness.market.market.lastSeq();
        assertTrue(harness.market.ring.tryPublish(slot, origin));
        await().atMost(WebSocketClient.WAIT)
                .untilAsserted(() -> assertTrue(harness.market.market.lastSeq() > before,
                () -> name + " not accepted"));
    }

    private void assertAccepted(Map<String, Object> command) {
        try (WebSocketClient client = Harness.welcomed(harness.port())) {
            Map<String, Object> reply = client.request(toJson(command));
            assertNotEquals("error", reply.get("type"), "documented command " + command + " was refused: " + reply);
        }
    }

    private static List<Map<String, Object>> examples() throws IOException {
        String doc = Files.readString(DOC);
        List<Map<String, Object>> examples = new ArrayList<>();
        Matcher m = JSON_BLOCK.matcher(doc);
        while (m.find()) {
            Object parsed = Json.parse(m.group(1));
            assertTrue(parsed instanceof Map, "every JSON example is one object: " + m.group(1));
            examples.add(Json.map(parsed));
        }
        assertTrue(examples.size() > 20, examples.size() + " examples");
        return examples;
    }

    /**
     * Same keys at every level and same value types; arrays compare by their first elements, and an empty array
     * matches any array (the example or the actual message may just have had nothing to list).
     */
    static boolean sameShape(Object documented, Object actual) {
        if (documented instanceof Map<?, ?> d && actual instanceof Map<?, ?> a) {
            return d.keySet().equals(a.keySet())
                    && d.keySet().stream().allMatch(k -> sameShape(d.get(k), a.get(k)));
        }
        if (documented instanceof List<?> d && actual instanceof List<?> a) {
            return d.isEmpty() || a.isEmpty() || sameShape(d.get(0), a.get(0));
        }
        return shape(documented).equals(shape(actual));
    }

    /** Keys, nesting and value types, e.g. {a:string,b:[{c:number}]}; arrays by their first element. */
    static String shape(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ":" + shape(e.getValue())).sorted()
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "[]" : "[" + shape(list.get(0)) + "]";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return "null";
    }

    private static String toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + toJson(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ProtocolDocTest::toJson).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(value);
    }
}
