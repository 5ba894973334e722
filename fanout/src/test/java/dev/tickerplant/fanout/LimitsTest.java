package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each limit holds, and each breach is answered as documented. */
class LimitsTest {
    private Harness harness;

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void maxSubscriptionsCountsProductsPerChannelAndTheWildcardAsOne() {
        harness = new Harness(Harness.options().withMaxSubscriptions(3));
        WebSocketClient client = harness.client();
        Harness.subscribe(client, "[\"BTC-USD\",\"ETH-USD\"]", false);

        Map<String, Object> error = client.request("{\"type\":\"subscribe\",\"products\":[\"SOL-USD\",\"BTC-USD\","
                + "\"DOGE-USD\"]}");

        assertEquals("too_many_subscriptions", error.get("code"));
        assertEquals("subscribing would make 4 subscriptions: expected at most 3 per client (\"*\" counts as one "
                + "per channel)", error.get("message"));
        assertEquals(Map.of("limit", 3L, "current", 2L, "requested", 4L), error.get("details"));
        client.send("{\"type\":\"subscribe\",\"products\":[\"*\"],\"channels\":[\"alerts\"]}");
        assertEquals(java.util.List.of("*"), Json.map(client.nextJson("subscriptions").get("channels")).get("alerts"));
        assertEquals("too_many_subscriptions", client.request("{\"type\":\"subscribe\",\"products\":[\"*\"],"
                + "\"channels\":[\"status\"]}").get("code"));
    }

    @Test
    void commandsBeyondTheRateAreRateLimitedUntilTheBucketRefills() {
        AtomicLong now = new AtomicLong(System.nanoTime());
        harness = new Harness(Harness.options().withCommandsPerSecond(5), null, now::get);
        WebSocketClient client = harness.client();

        for (int i = 0; i < 5; i++) {
            assertEquals("pong", client.request("{\"type\":\"ping\"}").get("type"));
        }
        Map<String, Object> limited = client.request("{\"type\":\"ping\"}");

        assertEquals("rate_limited", limited.get("code"));
        assertEquals("more than 5 commands per second: expected at most 5; retry after 200 ms",
                limited.get("message"));
        assertEquals(Map.of("limit_per_second", 5L, "retry_after_ms", 200L), limited.get("details"));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(199));
        assertEquals("rate_limited", client.request("{\"type\":\"ping\"}").get("code"));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertEquals("pong", client.request("{\"type\":\"ping\"}").get("type"));
        assertFalse(client.ended());
    }

    @Test
    void aMessageOverTheSizeLimitClosesWith1009() {
        harness = new Harness(Harness.options().withMaxCommandBytes(1024));
        WebSocketClient client = harness.client();

        client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}");

        assertEquals(1009, client.awaitClose());
        assertEquals("message too big", client.closeReason());
    }

    @Test
    void clientsBeyondTheMaximumGetAnErrorAndClose1013() {
        harness = new Harness(Harness.options().withMaxClients(2));
        WebSocketClient first = harness.client();
        harness.client();

        WebSocketClient third = harness.connect("/ws");

        Map<String, Object> error = third.nextJson("error");
        assertEquals("too_many_clients", error.get("code"));
        assertEquals("too many clients (max 2): try again later", error.get("message"));
        assertEquals(1013, third.awaitClose());
        assertEquals("too many clients (max 2)", third.closeReason());
        assertEquals(2, harness.server.view().subscriberCount());

        first.close();
        await("first not gone").atMost(WebSocketClient.WAIT).until(() -> harness.server.view().subscriberCount() == 1);
        harness.client(); // a slot is free again
    }
}
