package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.fanout.protocol.ErrorCode;
import dev.tickerplant.fanout.protocol.ServerMessages;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** However large a command, its answer is small: a client cannot make the server send more than it was sent. */
class ReplySizeTest {
    private static final int MAX_COMMAND = Harness.options().maxCommandBytes();
    private final Harness harness = new Harness(Harness.options());

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aMaximalCommandOfEachKindGetsAReplyUnderTheBound() {
        WebSocketClient client = harness.client();
        List<String> commands = List.of(
                oneId("{\"type\":\"subscribe\",\"products\":[\"", "x", "\"]}"),
                oneId("{\"type\":\"subscribe\",\"products\":[\"", "\\\\", "\"]}"),
                oneId("{\"type\":\"subscribe\",\"products\":[\"", "\\u0001", "\"]}"),
                oneId("{\"type\":\"subscribe\",\"products\":[\"", "\\\"", "\"]}"),
                manyIds("{\"type\":\"subscribe\",\"products\":[", "]}"),
                manyIds("{\"type\":\"unsubscribe\",\"products\":[", "]}"),
                oneId("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"channels\":[\"", "\\\\", "\"]}"),
                oneId("{\"type\":\"", "\\\"", "\"}"),
                oneId("{\"type\":\"subscribe\",\"products\":[\"*\"],\"since_seq\":1", "0", "}"),
                oneId("{\"type\":\"subscribe\",\"products\":[\"*\"],\"min_change_pct\":\"", "%", "\"}"),
                oneId("{\"type\":\"ping\",\"stats\":true,\"pad\":\"", "x", "\"}"),
                oneId("{\"type\":\"get_status\",\"pad\":\"", "x", "\"}"),
                oneId("{\"type\":\"get_products\",\"pad\":\"", "x", "\"}"),
                oneId("{\"type\":\"ping\",\"pad\":\"", "\u00e9", ""),
                oneId("", "[", ""),
                oneId("", "\u00ff", ""));
        for (String command : commands) {
            int commandBytes = command.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(commandBytes > MAX_COMMAND - 8 && commandBytes <= MAX_COMMAND, "size " + commandBytes);
            client.send(command);
            String reply = client.next();
            int replyBytes = reply.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(replyBytes <= ServerMessages.MAX_ERROR_BYTES, replyBytes + " bytes in reply to "
                    + command.substring(0, 60) + "...: " + reply.substring(0, Math.min(300, reply.length())));
        }
    }

    @Test
    void unknownProductsAreListedUpToThreeWithTheirCount() {
        WebSocketClient client = harness.client();
        String command = manyIds("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\",", "]}");
        int ids = command.split(",").length - 2;

        Map<String, Object> error = client.request(command);

        Map<String, Object> details = Json.map(error.get("details"));
        assertEquals("Z0", details.get("product"));
        assertEquals(List.of("Z0", "Z1", "Z2"), details.get("unknown"));
        assertEquals(ids, ((Number) details.get("unknown_count")).intValue());
        String message = (String) error.get("message");
        assertTrue(message.startsWith("unknown product \"Z0\" and " + (ids - 1) + " more: expected a product this "
                + "daemon follows"), message);
    }

    @Test
    void anErrorThatWouldStillBeTooLargeLosesItsDetailsAndKeepsAShortMessage() {
        byte[] error = ServerMessages.error(ErrorCode.BAD_REQUEST, "m".repeat(2000),
                Map.of("list", List.of("x".repeat(2000))));

        Map<String, Object> parsed = Json.object(new String(error, StandardCharsets.UTF_8));
        assertTrue(error.length <= ServerMessages.MAX_ERROR_BYTES, error.length + " bytes");
        assertEquals("bad_request", parsed.get("code"));
        assertEquals("m".repeat(256) + "...", parsed.get("message"));
        assertEquals(Map.of(), parsed.get("details"));
    }

    /** {@code head} + {@code unit} repeated + {@code tail}, as close to the largest command as the unit allows. */
    private static String oneId(String head, String unit, String tail) {
        int fixed = (head + tail).getBytes(StandardCharsets.UTF_8).length;
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        return head + unit.repeat((MAX_COMMAND - fixed) / unitBytes) + tail;
    }

    /** As many distinct unknown ids ({@code "Z0","Z1",...}) as fit. */
    private static String manyIds(String head, String tail) {
        StringJoiner ids = new StringJoiner(",");
        int budget = MAX_COMMAND - (head + tail).length();
        for (int i = 0; ids.length() + String.valueOf(i).length() + 5 <= budget; i++) {
            ids.add("\"Z" + i + "\"");
        }
        return head + ids + tail;
    }
}
