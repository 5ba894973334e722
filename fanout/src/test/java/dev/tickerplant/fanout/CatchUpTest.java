package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Snapshot and since_seq replay hand over to the live stream with no gap and no duplicate. */
class CatchUpTest {
    private Harness harness = new Harness(Harness.options());

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void sinceSeqReplaysWhatWasMissedFromHistoryThenContinuesLive() {
        WebSocketClient first = harness.client();
        Harness.subscribe(first, "[\"BTC-USD\",\"ETH-USD\"]", false);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(harness.market.tick(i % 2 == 0 ? "BTC-USD" : "ETH-USD", "1." + i));
        }
        List<Long> seen = SubscriptionTest.seqs(Harness.tickers(first, 10));
        assertEquals(expected, seen);
        long lastSeen = seen.get(seen.size() - 1);
        first.close();

        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String product = Harness.PRODUCTS.get(i % 3);
            long seq = harness.market.tick(product, "2." + i);
            if (!product.equals("SOL-USD")) {
                missed.add(seq);
            }
        }
        harness.market.awaitConsumed();

        WebSocketClient again = harness.client();
        again.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\",\"ETH-USD\"],\"since_seq\":" + lastSeen + "}");
        again.nextJson("subscriptions");
        assertEquals(missed, SubscriptionTest.seqs(Harness.tickers(again, missed.size())));
        long live = harness.market.tick("ETH-USD", "3");
        assertEquals(List.of(live), SubscriptionTest.seqs(Harness.tickers(again, 1)));
        Harness.assertNothingElsePending(again);
    }

    @Test
    void sinceSeqOlderThanTheHistoryGetsReplayUnavailableAndASnapshot() {
        harness.close();
        harness = new Harness(Harness.options().withHistorySize(16));
        for (int i = 1; i <= 50; i++) {
            harness.market.tick(i % 2 == 0 ? "BTC-USD" : "ETH-USD", i + ".0");
        }
        harness.market.awaitConsumed();
        WebSocketClient client = harness.client();

        client.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"since_seq\":5}");

        client.nextJson("subscriptions");
        assertEquals(Map.of("type", "replay_unavailable", "since_seq", 5L, "oldest_seq", 35L),
                client.nextJson("replay_unavailable"));
        List<Object> snapshot = Json.list(client.nextJson("snapshot").get("tickers"));
        assertEquals(1, snapshot.size());
        assertEquals(50L, Json.map(snapshot.get(0)).get("seq"));
        assertEquals("50.0", Json.map(snapshot.get(0)).get("price"));
        long live = harness.market.tick("BTC-USD", "51.0");
        assertEquals(List.of(live), SubscriptionTest.seqs(Harness.tickers(client, 1)));
    }

    @Test
    void sinceSeqFromTheFutureIsUnavailableToo() {
        harness.market.tick("BTC-USD", "1");
        harness.market.awaitConsumed();
        WebSocketClient client = harness.client();

        client.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"since_seq\":999}");

        client.nextJson("subscriptions");
        assertEquals(999L, client.nextJson("replay_unavailable").get("since_seq"));
        client.nextJson("snapshot");
    }

    /**
     * Ticks keep flowing while clients subscribe (with a snapshot, or resuming from a seq): per product, what each
     * client receives is exactly every published seq after its starting point, in order.
     */
    @Test
    void catchUpWhileTicksFlowHasNoGapAndNoDuplicate() throws Exception {
        WebSocketClient watcher = harness.client();
        Harness.subscribe(watcher, "[\"*\"]", false);
        for (int i = 0; i < 200; i++) {
            harness.market.tick(Harness.PRODUCTS.get(i % 4), "1." + i);
        }
        harness.market.awaitConsumed();
        int total = 3000;
        AtomicReference<Throwable> publisherFailure = new AtomicReference<>();
        Map<Long, String> productOf = new HashMap<>();
        Thread publisher = new Thread(() -> {
            try {
                for (int i = 0; i < total; i++) {
                    String product = Harness.PRODUCTS.get(i % 4);
                    long seq = harness.market.tick(product, "2." + i);
                    synchronized (productOf) {
                        productOf.put(seq, product);
                    }
                }
            } catch (Throwable t) {
                publisherFailure.set(t);
            }
        });
        publisher.start();

        WebSocketClient snapshotter = harness.client();
        snapshotter.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\",\"ETH-USD\"]}");
        snapshotter.nextJson("subscriptions");
        Map<String, Long> snapshotSeq = new TreeMap<>();
        for (Object t : Json.list(snapshotter.nextJson("snapshot").get("tickers"))) {
            snapshotSeq.put((String) Json.map(t).get("product_id"), (Long) Json.map(t).get("seq"));
        }
        WebSocketClient resumer = harness.client();
        long resumeAfter = 150;
        resumer.send("{\"type\":\"subscribe\",\"products\":[\"SOL-USD\",\"DOGE-USD\"],\"since_seq\":"
                + resumeAfter + "}");
        resumer.nextJson("subscriptions");

        publisher.join();
        assertEquals(null, publisherFailure.get());
        long last = harness.market.published();
        Map<Long, String> products = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            products.put((long) i + 1, Harness.PRODUCTS.get(i % 4));
        }
        products.putAll(productOf);

        List<Long> expectedSnapshotter = new ArrayList<>();
        List<Long> expectedResumer = new ArrayList<>();
        for (long seq = 1; seq <= last; seq++) {
            String product = products.get(seq);
            if (snapshotSeq.containsKey(product) && seq > snapshotSeq.get(product)) {
                expectedSnapshotter.add(seq);
            }
            if ((product.equals("SOL-USD") || product.equals("DOGE-USD")) && seq > resumeAfter) {
                expectedResumer.add(seq);
            }
        }
        assertEquals(2, snapshotSeq.size());
        assertEquals(expectedSnapshotter,
                SubscriptionTest.seqs(Harness.tickers(snapshotter, expectedSnapshotter.size())));
        assertEquals(expectedResumer, SubscriptionTest.seqs(Harness.tickers(resumer, expectedResumer.size())));
        Harness.assertNothingElsePending(snapshotter);
        Harness.assertNothingElsePending(resumer);
        assertTrue(Harness.tickers(watcher, (int) last).size() == last);
    }
}
