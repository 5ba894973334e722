package dev.tickerplant.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.fanout.ConnectionStatus;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What a fanout node believes about the upstream: the last word of every ingest node heard from recently. */
class StatusBoardTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StatusBoard board = new StatusBoard(now::get);

    @Test
    void connectionsAreNamedByNodeAndANodeSilentForThreeIntervalsNoLongerCounts() {
        hear("{\"node\":\"ingest-a\",\"interval_ms\":1000,\"connections\":[" + connection("conn-00", true) + "]}");
        hear("{\"node\":\"ingest-b\",\"interval_ms\":1000,\"connections\":[" + connection("conn-00", false) + "]}");

        List<ConnectionStatus> both = board.get();
        assertEquals(List.of("ingest-a/conn-00", "ingest-b/conn-00"),
                both.stream().map(ConnectionStatus::id).sorted().toList());
        assertEquals(2, board.nodes());

        advanceMillis(2_000);
        hear("{\"node\":\"ingest-a\",\"interval_ms\":1000,\"connections\":[" + connection("conn-00", true) + "]}");
        advanceMillis(1_000);
        assertEquals(2, board.get().size(), "ingest-b silent for exactly three intervals still counts");
        advanceMillis(1);
        List<ConnectionStatus> left = board.get();
        assertEquals(List.of("ingest-a/conn-00"), left.stream().map(ConnectionStatus::id).toList());
        assertEquals(1, board.nodes());
        ConnectionStatus a = left.get(0);
        assertEquals(List.of("BTC-USD", "ETH-USD"), a.products());
        assertEquals(2, a.productsReceiving());
    }

    @Test
    void anUnreadableStatusIsSkippedAndChangesNothing() {
        hear("{\"node\":\"ingest-a\",\"interval_ms\":1000,\"connections\":[" + connection("conn-00", true) + "]}");
        hear("not json");
        hear("{\"node\":\"ingest-a\",\"connections\":\"nope\"}");
        assertEquals(1, board.get().size());
        assertEquals("STREAMING", board.get().get(0).state());
    }

    @Test
    void aProductNoIngestNodeCarriesAnyMoreHasLeftAndOneCarriedAgainHasComeBack() {
        List<String> changes = new java.util.ArrayList<>();
        board.onProductsChanged((added, removed, reason) -> changes.add(added + " " + removed));
        hear(status("ingest-a", "BTC-USD", "ETH-USD"));
        hear(status("ingest-b", "ETH-USD", "SOL-USD"));

        hear(status("ingest-a", "BTC-USD")); // ETH-USD is still on ingest-b: nothing left
        hear(status("ingest-b", "SOL-USD")); // now no node carries ETH-USD
        hear(status("ingest-b", "SOL-USD"));
        hear(status("ingest-a", "BTC-USD", "ETH-USD"));

        assertEquals(List.of("[] [ETH-USD]", "[ETH-USD] []"), changes);
        advanceMillis(10_000);
        board.get(); // ingest-a is dropped as silent
        hear(status("ingest-b", "SOL-USD"));
        assertEquals(2, changes.size(), "a node gone silent is an outage, not a removal");
    }

    private static String status(String node, String... products) {
        StringBuilder ids = new StringBuilder();
        for (String p : products) {
            ids.append(ids.length() == 0 ? "" : ",").append('"').append(p).append('"');
        }
        return "{\"node\":\"" + node + "\",\"interval_ms\":1000,\"connections\":[{\"id\":\"conn-00\","
                + "\"state\":\"STREAMING\",\"streaming\":true,\"products\":[" + ids + "],\"products_receiving\":"
                + products.length + ",\"last_close_reason\":\"\",\"drops\":0}]}";
    }

    private void hear(String json) {
        board.onMessage(NatsMessage.builder().subject("tickerplant.status.x")
                .data(json.getBytes(StandardCharsets.UTF_8)).build());
    }

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static String connection(String id, boolean streaming) {
        return "{\"id\":\"" + id + "\",\"state\":\"" + (streaming ? "STREAMING" : "BACKOFF") + "\",\"streaming\":"
                + streaming + ",\"products\":[\"BTC-USD\",\"ETH-USD\"],\"products_receiving\":" + (streaming ? 2 : 0)
                + ",\"last_close_reason\":\"\",\"drops\":0}";
    }
}
