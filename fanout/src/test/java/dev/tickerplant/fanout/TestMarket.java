package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickOrigin;
import dev.tickerplant.ingest.ring.TickRing;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;

/**
 * A real {@link MarketState} behind a real {@link TickRing}, fed with crafted Exchange-style ticks: each carries a new
 * product sequence, so the market accepts every one and numbers them 1, 2, 3, ... in publishing order.
 */
final class TestMarket implements AutoCloseable {
    final MarketState market;
    final TickRing ring;
    private final TickerSlot slot = new TickerSlot();
    private final TickOrigin origin = new TickOrigin();
    private long published;

    TestMarket(List<String> products) {
        market = new MarketState(products);
        ring = new TickRing(4096, market, new DefaultThreadFactory("tick-consumer", true));
        ring.start();
    }

    /** Publishes a tick and returns the global seq the market will give it. */
    synchronized long tick(String product, String price) {
        return tick(product, price, null, System.currentTimeMillis() * 1_000_000L);
    }

    synchronized long tick(String product, String price, String lastSize, long receivedEpochNanos) {
        slot.clear();
        slot.productId.set(product);
        slot.field(TickField.PRICE).set(price);
        slot.field(TickField.VOLUME_24H).set("1000." + published);
        slot.field(TickField.SIDE).set("buy");
        if (lastSize != null) {
            slot.field(TickField.LAST_SIZE).set(lastSize);
        }
        slot.exchangeSequence = published + 1;
        slot.tradeId = 10_000 + published;
        slot.exchangeTimeNanos = receivedEpochNanos - 1_000_000;
        origin.connectionId = 1;
        origin.receivedNanos = System.nanoTime();
        origin.receivedEpochNanos = receivedEpochNanos;
        while (!ring.tryPublish(slot, origin)) {
            Thread.onSpinWait(); // ring full: the consumer is draining it
        }
        return ++published;
    }

    long published() {
        return published;
    }

    /** Waits until the consumer has processed everything published so far. */
    void awaitConsumed() {
        long target = published;
        // Polled every millisecond: tests call this after every burst, and the ring drains in well under that.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .untilAsserted(() -> assertTrue(market.lastSeq() >= target,
                        () -> "market at seq " + market.lastSeq() + ", expected " + target));
    }

    @Override
    public void close() {
        ring.close();
    }
}
