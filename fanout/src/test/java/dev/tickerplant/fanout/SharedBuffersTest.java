package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients share the batch buffers the ring consumer encoded: a client of every product and a client of a few take
 * slices of the same buffers, and once both are gone no slice is left holding a buffer (every reference count is back
 * to the batch's own, which the consumer then releases).
 */
class SharedBuffersTest {
    private static final int TICKS = 3_000;

    // A high water mark far above what the test queues: a stalled client stays writable, so every batch it is given
    // stays in its outbound buffer instead of being conflated away once the buffer crosses the mark.
    private final Harness harness = new Harness(Harness.options().withWriteBuffer(32 * 1024, 256 * 1024 * 1024));

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void everySliceIsReleasedOnceTheClientsAreGone() {
        WebSocketClient everything = harness.client();
        Harness.subscribe(everything, "[\"*\"]", false);
        WebSocketClient some = harness.client();
        Harness.subscribe(some, "[\"ETH-USD\",\"DOGE-USD\"]", false);

        int wanted = 0;
        for (int i = 0; i < TICKS; i++) {
            String product = Harness.PRODUCTS.get(i % Harness.PRODUCTS.size());
            harness.market.tick(product, "3." + i);
            if (product.equals("ETH-USD") || product.equals("DOGE-USD")) {
                wanted++;
            }
        }
        List<Map<String, Object>> all = Harness.tickers(everything, TICKS);
        List<Map<String, Object>> subset = Harness.tickers(some, wanted);
        assertEquals(TICKS, all.size());
        for (int i = 0; i < TICKS; i++) {
            assertEquals((long) i + 1, ((Number) all.get(i).get("seq")).longValue(), "in order, none missing");
        }
        for (Map<String, Object> t : subset) {
            String product = (String) t.get("product_id");
            assertEquals(true, product.equals("ETH-USD") || product.equals("DOGE-USD"), product);
        }
        Harness.assertNothingElsePending(some);

        everything.close();
        some.close();
        TickDispatcher dispatcher = harness.server.dispatcher();
        await("clients left").atMost(Duration.ofSeconds(10)).until(() -> harness.server.view().subscriberCount() == 0);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertTrue(dispatcher.outstandingSlices() == 0,
                () -> dispatcher.outstandingSlices() + " slices still hold batch buffers"));
    }

    @Test
    void batchesAStalledClientHeldAreLetGoOnceItIsGone() {
        WebSocketClient stalled = WebSocketClient.to(harness.port(), "/ws").receiveBuffer(4096).readOnDemand()
                .connect();
        assertEquals("welcome", stalled.nextJson().get("type"));
        stalled.send("{\"type\":\"subscribe\",\"products\":[\"ETH-USD\"],\"snapshot\":false}");
        assertEquals("subscriptions", stalled.nextJson().get("type"));
        TickDispatcher dispatcher = harness.server.dispatcher();

        // Bulk ticks fill the socket's buffers; then one tick per batch: each batch of which the stalled client's
        // outbound buffer holds a slice stays out of the pool. (With the default high water mark the bulk ticks alone
        // could make the client unwritable first, and from then on it would be given nothing more to hold.)
        await("the stalled client holds more batches than the pool keeps").atMost(Duration.ofSeconds(60))
                .pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() -> {
                    for (int i = 0; i < 1000; i++) {
                        harness.market.tick("ETH-USD", "2." + i);
                    }
                    for (int i = 0; i < 20; i++) {
                        harness.market.tick("ETH-USD", "3." + i);
                        harness.market.awaitConsumed();
                    }
                    return dispatcher.pooledBatches() > 2 * TickDispatcher.POOL_KEEP;
                });
        stalled.close();
        await("client left").atMost(Duration.ofSeconds(10)).until(() -> harness.server.view().subscriberCount() == 0);
        await("its slices released").atMost(Duration.ofSeconds(10)).until(() -> dispatcher.outstandingSlices() == 0);
        // The pool is trimmed every TRIM_EVERY batches. Each tick here waits until the loops are done with its batch,
        // so a free batch is always there to reuse and the pool cannot grow again behind a busy loop.
        for (int i = 0; i < TickDispatcher.TRIM_EVERY; i++) {
            harness.market.tick("BTC-USD", "4." + i);
            harness.market.awaitConsumed();
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1)).until(() -> dispatcher.batchesOut() == 0);
        }
        assertTrue(dispatcher.pooledBatches() <= TickDispatcher.POOL_KEEP,
                () -> dispatcher.pooledBatches() + " batches kept after the client that held them left");
    }
}
