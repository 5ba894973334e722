package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clients can tell "no trades" from "we are blind": status messages when a connection stops and resumes. */
class UpstreamStatusTest {
    private final Harness harness = new Harness(Harness.options());

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void clientsWatchingAProductHearWhenItsConnectionGoesStaleAndRecovers() {
        WebSocketClient client = harness.client();
        client.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"channels\":[\"status\"]}");
        client.nextJson("subscriptions");

        setConnection(1, "CONNECTING", false, "server closed 1001"); // not BTC's connection: nothing for this client
        setConnection(0, "BACKOFF", false, "watchdog: no frame for 5000 ms");

        Map<String, Object> stale = client.nextJson("status");
        assertEquals("connection", stale.get("scope"));
        assertEquals("conn-01", stale.get("id"));
        assertEquals("stale", stale.get("state"));
        assertEquals(Harness.PRODUCTS.subList(0, 5), stale.get("products"));
        assertEquals("BACKOFF: watchdog: no frame for 5000 ms", stale.get("reason"));
        Instant.parse((String) stale.get("time"));
        Map<String, Object> blind = client.nextJson("status");
        assertEquals("product", blind.get("scope"));
        assertEquals("BTC-USD", blind.get("id"));
        assertEquals("stale", blind.get("state"));
        assertEquals(List.of("BTC-USD"), blind.get("products"));
        assertEquals("no streaming connection carries it: conn-01 BACKOFF: watchdog: no frame for 5000 ms",
                blind.get("reason"));

        setConnection(0, "STREAMING", true, "watchdog: no frame for 5000 ms");
        Map<String, Object> recovered = client.nextJson("status");
        assertEquals(List.of("connection", "conn-01", "recovered", "streaming again"),
                List.of(recovered.get("scope"), recovered.get("id"), recovered.get("state"), recovered.get("reason")));
        Map<String, Object> seen = client.nextJson("status");
        assertEquals(List.of("product", "BTC-USD", "recovered", "streaming again on conn-01"),
                List.of(seen.get("scope"), seen.get("id"), seen.get("state"), seen.get("reason")));
        Harness.assertNothingElsePending(client);
    }

    @Test
    void clientsWatchingAProductThatLeavesTheFollowedSetAreTold() {
        WebSocketClient watching = harness.client();
        watching.send("{\"type\":\"subscribe\",\"products\":[\"ETH-USD\"],\"channels\":[\"status\"]}");
        watching.nextJson("subscriptions");
        WebSocketClient other = harness.client();
        other.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"channels\":[\"status\"]}");
        other.nextJson("subscriptions");

        harness.market.market.follow(List.of(), List.of("ETH-USD"), "delisted: no longer in the catalog");

        Map<String, Object> removed = watching.nextJson("status");
        assertEquals(List.of("product", "ETH-USD", "removed", List.of("ETH-USD"), "delisted: no longer in the catalog"),
                List.of(removed.get("scope"), removed.get("id"), removed.get("state"), removed.get("products"),
                        removed.get("reason")));
        Harness.assertNothingElsePending(other);
        watching.send("{\"type\":\"subscribe\",\"products\":[\"ETH-USD\"],\"channels\":[\"ticker\"]}");
        assertEquals("unknown_product", watching.nextJson("error").get("code"), "no longer a product to subscribe to");
        watching.send("{\"type\":\"subscribe\",\"products\":[\"SOL-USD\"],\"channels\":[\"ticker\"]}");
        assertEquals(Map.of("ticker", List.of("SOL-USD"), "status", List.of("ETH-USD")),
                subscribed(watching.nextJson("subscriptions")), "products are still named by their own index");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> subscribed(Map<String, Object> subscriptions) {
        Map<String, Object> nonEmpty = new java.util.HashMap<>();
        ((Map<String, Object>) subscriptions.get("channels")).forEach((channel, ids) -> {
            if (!((List<?>) ids).isEmpty()) {
                nonEmpty.put(channel, ids);
            }
        });
        return nonEmpty;
    }

    @Test
    void aDropAndRecoveryBetweenTwoPollsIsStillReported() {
        WebSocketClient client = harness.client();
        client.send("{\"type\":\"subscribe\",\"products\":[\"XRP-USD\"],\"channels\":[\"status\"]}");
        client.nextJson("subscriptions");

        List<ConnectionStatus> now = new ArrayList<>(harness.upstream);
        ConnectionStatus old = now.get(1);
        now.set(1, new ConnectionStatus(old.id(), "STREAMING", true, old.products(), 5, "server closed 1001",
                old.drops() + 1));
        harness.upstream = List.copyOf(now);

        assertEquals(List.of("connection stale reconnected: server closed 1001", "connection recovered",
                "product stale", "product recovered"), List.of(
                        describe(client.nextJson("status"), true), describe(client.nextJson("status"), false),
                        describe(client.nextJson("status"), false), describe(client.nextJson("status"), false)));
    }

    @Test
    void subscribingToStatusTellsAtOnceWhichConnectionsAndProductsAreStale() {
        setConnection(1, "CONNECTING", false, "server closed 1001");
        WebSocketClient client = harness.client();
        await("watcher did not poll").atMost(WebSocketClient.WAIT)
                .until(() -> !harness.server.upstreamAsPolled().get(1).streaming());

        client.send("{\"type\":\"subscribe\",\"products\":[\"SOL-USD\",\"XRP-USD\"],\"channels\":[\"status\"]}");

        client.nextJson("subscriptions");
        Map<String, Object> connection = client.nextJson("status");
        assertEquals(List.of("connection", "conn-02", "stale", "CONNECTING: server closed 1001"),
                List.of(connection.get("scope"),
                connection.get("id"), connection.get("state"), connection.get("reason")));
        Map<String, Object> product = client.nextJson("status");
        assertEquals(List.of("product", "XRP-USD", "stale"), List.of(product.get("scope"), product.get("id"),
                product.get("state")));
        Harness.assertNothingElsePending(client);
    }

    @Test
    void aConnectionThatHasNotStreamedSinceStartIsStartingNotStale() {
        ConnectionStatus first = Harness.STREAMING.get(0);
        ConnectionStatus second = Harness.STREAMING.get(1);
        try (Harness starting = new Harness(List.of(first, new ConnectionStatus(second.id(), "SUBSCRIBING", false,
                second.products(), 0, "", 0)), Duration.ofMillis(50))) {
            WebSocketClient client = starting.client();
            client.send("{\"type\":\"subscribe\",\"products\":[\"*\"],\"channels\":[\"status\"]}");
            client.nextJson("subscriptions");
            assertEquals("pong", client.request("{\"type\":\"ping\"}").get("type"),
                    "no stale message for a connection still on its way to its first ack");

            starting.upstream = List.of(first, new ConnectionStatus(second.id(), "STREAMING", true, second.products(),
                    5, "", 0));
            await("watcher did not poll").atMost(WebSocketClient.WAIT)
                    .until(() -> starting.server.upstreamAsPolled().get(1).streaming());
            assertEquals("pong", client.request("{\"type\":\"ping\"}").get("type"),
                    "nothing recovered: it was never stale");

            starting.upstream = List.of(first, new ConnectionStatus(second.id(), "BACKOFF", false, second.products(),
                    0, "server closed 1001", 1));
            Map<String, Object> stale = client.nextJson("status");
            assertEquals(List.of("connection", "conn-02", "stale", "BACKOFF: server closed 1001"),
                    List.of(stale.get("scope"), stale.get("id"), stale.get("state"), stale.get("reason")));
        }
    }

    @Test
    void aNewSubscriberIsToldTheLiveStateNotTheLastPoll() {
        ConnectionStatus first = Harness.STREAMING.get(0);
        ConnectionStatus second = Harness.STREAMING.get(1);
        // Read once at start, then not polled for an hour: whatever a subscriber is told comes from the live state.
        try (Harness live = new Harness(List.of(first, new ConnectionStatus(second.id(), "BACKOFF", false,
                second.products(), 0, "server closed 1001", 1)), Duration.ofHours(1))) {
            assertEquals("BACKOFF", live.server.upstreamAsPolled().get(1).state());
            live.upstream = List.of(first, new ConnectionStatus(second.id(), "STREAMING", true, second.products(), 5,
                    "server closed 1001", 1));

            WebSocketClient client = live.client();
            client.send("{\"type\":\"subscribe\",\"products\":[\"*\"],\"channels\":[\"status\"]}");
            client.nextJson("subscriptions");
            assertEquals("pong", client.request("{\"type\":\"ping\"}").get("type"),
                    "conn-02 streams now, whatever the last poll saw");

            live.upstream = List.of(new ConnectionStatus(first.id(), "BACKOFF", false, first.products(), 0,
                    "watchdog: no frame for 5000 ms", 1), live.upstream.get(1));
            WebSocketClient later = live.client();
            later.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"channels\":[\"status\"]}");
            later.nextJson("subscriptions");
            Map<String, Object> stale = later.nextJson("status");
            assertEquals(List.of("connection", "conn-01", "stale"),
                    List.of(stale.get("scope"), stale.get("id"), stale.get("state")), "no poll has seen it yet");
        }
    }

    private static String describe(Map<String, Object> status, boolean withReason) {
        return status.get("scope") + " " + status.get("state") + (withReason ? " " + status.get("reason") : "");
    }

    private void setConnection(int index, String state, boolean streaming, String lastCloseReason) {
        List<ConnectionStatus> now = new ArrayList<>(harness.upstream);
        ConnectionStatus old = now.get(index);
        now.set(index, new ConnectionStatus(old.id(), state, streaming, old.products(), streaming ? 5 : 0,
                lastCloseReason, old.drops() + (streaming || !old.streaming() ? 0 : 1)));
        harness.upstream = List.copyOf(now);
    }
}
