package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        WsClient client = harness.client();
        client.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"channels\":[\"status\"]}");
        client.next("subscriptions");

        setConnection(1, "CONNECTING", false, "");           // not BTC's connection: nothing for this client
        setConnection(0, "BACKOFF", false, "watchdog: no frame for 5000 ms");

        Map<String, Object> stale = client.next("status");
        assertEquals("connection", stale.get("scope"));
        assertEquals("conn-01", stale.get("id"));
        assertEquals("stale", stale.get("state"));
        assertEquals(Harness.PRODUCTS.subList(0, 5), stale.get("products"));
        assertEquals("BACKOFF: watchdog: no frame for 5000 ms", stale.get("reason"));
        Instant.parse((String) stale.get("time"));
        Map<String, Object> blind = client.next("status");
        assertEquals("product", blind.get("scope"));
        assertEquals("BTC-USD", blind.get("id"));
        assertEquals("stale", blind.get("state"));
        assertEquals(List.of("BTC-USD"), blind.get("products"));
        assertEquals("no streaming connection carries it: conn-01 BACKOFF: watchdog: no frame for 5000 ms",
                blind.get("reason"));

        setConnection(0, "STREAMING", true, "watchdog: no frame for 5000 ms");
        Map<String, Object> recovered = client.next("status");
        assertEquals(List.of("connection", "conn-01", "recovered", "streaming again"),
                List.of(recovered.get("scope"), recovered.get("id"), recovered.get("state"), recovered.get("reason")));
        Map<String, Object> seen = client.next("status");
        assertEquals(List.of("product", "BTC-USD", "recovered", "streaming again on conn-01"),
                List.of(seen.get("scope"), seen.get("id"), seen.get("state"), seen.get("reason")));
        Harness.assertNothingElsePending(client);
    }

    @Test
    void aDropAndRecoveryBetweenTwoPollsIsStillReported() {
        WsClient client = harness.client();
        client.send("{\"type\":\"subscribe\",\"products\":[\"XRP-USD\"],\"channels\":[\"status\"]}");
        client.next("subscriptions");

        List<ConnectionStatus> now = new ArrayList<>(harness.upstream);
        ConnectionStatus old = now.get(1);
        now.set(1, new ConnectionStatus(old.id(), "STREAMING", true, old.products(), 5, "server closed 1001",
                old.drops() + 1));
        harness.upstream = List.copyOf(now);

        assertEquals(List.of("connection stale reconnected: server closed 1001", "connection recovered",
                "product stale", "product recovered"), List.of(
                        describe(client.next("status"), true), describe(client.next("status"), false),
                        describe(client.next("status"), false), describe(client.next("status"), false)));
    }

    @Test
    void subscribingToStatusTellsAtOnceWhichConnectionsAndProductsAreStale() {
        setConnection(1, "CONNECTING", false, "");
        WsClient client = harness.client();
        Await.until(() -> !harness.server.upstreamAsPolled().get(1).streaming(), WsClient.WAIT,
                () -> "watcher did not poll");

        client.send("{\"type\":\"subscribe\",\"products\":[\"SOL-USD\",\"XRP-USD\"],\"channels\":[\"status\"]}");

        client.next("subscriptions");
        Map<String, Object> connection = client.next("status");
        assertEquals(List.of("connection", "conn-02", "stale", "CONNECTING"), List.of(connection.get("scope"),
                connection.get("id"), connection.get("state"), connection.get("reason")));
        Map<String, Object> product = client.next("status");
        assertEquals(List.of("product", "XRP-USD", "stale"), List.of(product.get("scope"), product.get("id"),
                product.get("state")));
        Harness.assertNothingElsePending(client);
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
