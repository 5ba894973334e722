package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fanout loop that falls behind must catch up by writing the batches that queued meanwhile together (one flush per
 * client for all of them), in order and without losing any tick, and say so in its figures.
 */
class SmartBatchingTest {
    private static final int BATCHES = 5;

    private final Harness harness = new Harness(Harness.options());

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void batchesQueuedBehindABusyLoopAreWrittenTogetherAndInOrder() throws Exception {
        WebSocketClient client = harness.client();
        Harness.subscribe(client, "[\"*\"]", false);
        LoopFanout[] loops = harness.server.loops();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(loops.length);
        for (LoopFanout loop : loops) {
            loop.loop.execute(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        busy.await();

        for (int i = 0; i < BATCHES; i++) {
            harness.market.tick(Harness.PRODUCTS.get(i), "1." + i);
            int handedOff = i + 1;
            // Each tick is its own ring batch: wait until it was handed to every loop before publishing the next.
            for (LoopFanout loop : loops) {
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertTrue(loop.backlog() == handedOff,
                        () -> "loop backlog " + loop.backlog() + ", expected " + handedOff));
            }
        }
        assertEquals(BATCHES, harness.server.view().backlog());
        long coalescedBefore = harness.server.view().batchesCoalesced();
        release.countDown();

        List<Map<String, Object>> tickers = Harness.tickers(client, BATCHES);
        for (int i = 0; i < BATCHES; i++) {
            assertEquals(Harness.PRODUCTS.get(i), tickers.get(i).get("product_id"));
            assertEquals((long) i + 1, ((Number) tickers.get(i).get("seq")).longValue());
        }
        await("backlog left").atMost(Duration.ofSeconds(10)).until(() -> harness.server.view().backlog() == 0);
        // Every loop flushed only its last batch; the four before it were coalesced into that flush.
        assertEquals(coalescedBefore + (long) (BATCHES - 1) * loops.length, harness.server.view().batchesCoalesced());
        Harness.assertNothingElsePending(client);
    }
}
