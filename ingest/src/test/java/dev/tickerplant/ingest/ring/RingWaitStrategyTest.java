package dev.tickerplant.ingest.ring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every wait strategy delivers what is published, both to a consumer that is busy and to one that has parked. */
class RingWaitStrategyTest {
    private static final int PER_PRODUCER = 400; // two producers: 800 ticks fit a 1024-slot ring, so none is dropped

    @ParameterizedTest(name = "{0}")
    @EnumSource(RingWaitStrategy.class)
    void deliversABurstFromTwoProducersAndThenATickAfterTheConsumerWentIdle(RingWaitStrategy strategy)
            throws InterruptedException {
        MarketState market = new MarketState(List.of("BTC-USD", "ETH-USD"));
        AtomicReference<Thread> consumer = new AtomicReference<>();
        TickRing ring = new TickRing(1024, market, task -> {
            Thread thread = new Thread(task, "wait-test-consumer");
            thread.setDaemon(true);
            consumer.set(thread);
            return thread;
        }, strategy);
        ring.start();
        try {
            CountDownLatch go = new CountDownLatch(1);
            Thread btc = producer(ring, "BTC-USD", go);
            Thread eth = producer(ring, "ETH-USD", go);
            go.countDown();
            btc.join();
            eth.join();
            await().until(() -> market.accepted() == 2 * PER_PRODUCER);
            assertEquals(0, ring.dropped());
            assertEquals(PER_PRODUCER, market.product("BTC-USD").updates());

            if (strategy != RingWaitStrategy.YIELDING) { // the one strategy that never parks
                assertNotNull(consumer.get());
                await().until(() -> isParked(consumer.get()));
            }
            assertTrue(ring.tryPublish(tick("ETH-USD", "after-idle"), origin()));
            await().until(() -> market.accepted() == 2 * PER_PRODUCER + 1);
        } finally {
            ring.close();
        }
    }

    private static Thread producer(TickRing ring, String product, CountDownLatch go) {
        Thread thread = new Thread(() -> {
            TickOrigin origin = origin();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < PER_PRODUCER; i++) {
                // A new volume each time: equal content would be dropped as a duplicate.
                if (!ring.tryPublish(tick(product, Integer.toString(i)), origin)) {
                    throw new AssertionError("ring full at tick " + i);
                }
            }
        }, "wait-test-producer-" + product);
        thread.start();
        return thread;
    }

    private static boolean isParked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    private static TickerSlot tick(String product, String volume) {
        TickerSlot slot = new TickerSlot();
        slot.productId.set(product);
        slot.field(TickField.PRICE).set("100.01");
        slot.field(TickField.VOLUME_24H).set(volume);
        return slot;
    }

    private static TickOrigin origin() {
        TickOrigin origin = new TickOrigin();
        origin.linkId = 1;
        origin.receivedNanos = System.nanoTime();
        origin.receivedEpochNanos = System.currentTimeMillis() * 1_000_000L;
        return origin;
    }
}
