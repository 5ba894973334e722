package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every bad command gets the documented error, and the connection stays usable. */
class CommandErrorsTest {
    private final Harness harness = new Harness(Harness.options());

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void eachMalformedOrUnknownCommandIsAnsweredAndTheConnectionStaysOpen() throws Exception {
        WebSocketClient client = harness.client();

        assertError(client.request("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\""), "bad_json", "invalid JSON");
        assertError(client.request("hello"), "bad_json", "invalid JSON");
        Map<String, Object> missing = assertError(client.request("{\"type\":\"subscribe\"}"), "bad_request",
                "missing field products");
        assertEquals(Map.of("field", "products"), missing.get("details"));
        assertError(client.request("{\"type\":\"subscribe\",\"products\":[\"*\"],\"min_change_pct\":\"1%\"}"),
                "bad_request", "field min_change_pct");
        Map<String, Object> channel = assertError(client.request(
                "{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"channels\":[\"ticker\",\"trades\"]}"),
                "bad_request", "unknown channel \"trades\"");
        assertEquals("trades", Json.map(channel.get("details")).get("value"));
        Map<String, Object> type = assertError(client.request("{\"type\":\"subscribe_all\"}"), "unknown_type",
                "unknown type \"subscribe_all\"");
        assertEquals("subscribe_all", Json.map(type.get("details")).get("type"));
        Map<String, Object> product = assertError(client.request(
                "{\"type\":\"subscribe\",\"products\":[\"BTC-USD\",\"BTC-USX\"]}"), "unknown_product",
                "unknown product \"BTC-USX\"");
        assertEquals("BTC-USX", Json.map(product.get("details")).get("product"));
        assertEquals("BTC-USD", Json.list(Json.map(product.get("details")).get("closest")).get(0));
        assertEquals(List.of(), harness.server.view().subscribers().get(0).subscriptions(),
                "a rejected subscribe applies nothing, not even its valid products");
        assertError(client.request("{\"type\":\"unsubscribe\",\"products\":[\"NOPE-USD\"]}"), "unknown_product",
                "unknown product \"NOPE-USD\"");

        assertEquals(8, harness.server.view().commandErrors());
        assertFalse(client.ended());
        Harness.subscribe(client, "[\"BTC-USD\"]", true);
        long seq = harness.market.tick("BTC-USD", "1");
        assertEquals(List.of(seq), SubscriptionTest.seqs(Harness.tickers(client, 1)));
    }

    @Test
    void binaryMessagesAreABadRequest() throws Exception {
        try (WebSocketClient raw = WebSocketClient.to(harness.port(), "/ws").readOnDemand().connect()) {
            assertEquals("welcome", raw.nextJson().get("type"));
            raw.send(2, new byte[] {1, 2, 3});
            Map<String, Object> error = raw.nextJson();
            assertEquals("bad_request", error.get("code"));
            assertEquals("binary message: expected a JSON command in a text message", error.get("message"));
            raw.send("{\"type\":\"ping\"}");
            assertEquals("pong", raw.nextJson().get("type"));
        }
    }

    @Test
    void pingStatusAndProductsQueries() {
        harness.market.tick("ETH-USD", "2000.50");
        harness.market.awaitConsumed();
        WebSocketClient client = harness.client();
        Harness.subscribe(client, "[\"ETH-USD\",\"BTC-USD\"]", true);

        Map<String, Object> plain = client.request("{\"type\":\"ping\"}");
        assertEquals(Map.of("type", "pong"), plain);
        Map<String, Object> stats = Json.map(client.request("{\"type\":\"ping\",\"stats\":true}").get("stats"));
        assertEquals(4L, stats.get("messages_sent"), "welcome, subscriptions, snapshot, pong");
        assertEquals(0L, stats.get("dropped"));
        assertEquals(2L, stats.get("subscriptions"));
        long connected = (Long) stats.get("connected_s");
        assertTrue(connected >= 0 && connected < 60, "whole seconds since the client connected: " + connected);

        Map<String, Object> products = client.request("{\"type\":\"get_products\"}");
        List<Object> list = Json.list(products.get("products"));
        assertEquals(Harness.PRODUCTS.size(), list.size());
        assertEquals(Map.of("product_id", "ETH-USD", "price", "2000.50", "seq", 1L), list.get(1));
        Map<String, Object> btc = Json.map(list.get(0));
        assertEquals("BTC-USD", btc.get("product_id"));
        assertNull(btc.get("price"));

        Map<String, Object> report = client.request("{\"type\":\"get_status\"}");
        assertEquals("status_report", report.get("type"));
        assertEquals(1L, report.get("last_seq"));
        assertEquals(1L, report.get("clients"));
        assertTrue(((Number) report.get("uptime_s")).doubleValue() > 0);
        Map<String, Object> upstream = Json.map(report.get("upstream"));
        assertEquals(2L, upstream.get("connections_streaming"));
        assertEquals(2L, upstream.get("connections_total"));
        assertEquals(10L, upstream.get("products_receiving"));
        assertEquals(10L, upstream.get("products_planned"));
        assertEquals(Map.of("id", "conn-01", "state", "STREAMING", "products", 5L, "products_receiving", 5L),
                Json.list(upstream.get("connections")).get(0));
    }

    private static Map<String, Object> assertError(Map<String, Object> message, String code, String messagePart) {
        assertEquals("error", message.get("type"), message.toString());
        assertEquals(code, message.get("code"), message.toString());
        assertTrue(((String) message.get("message")).contains(messagePart), message.toString());
        assertTrue(message.containsKey("details"), message.toString());
        return message;
    }
}
