package dev.tickerplant.ingest.ring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarketStateTest {
    private MarketState market;
    private TickRing ring;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final TickOrigin origin = new TickOrigin();

    @BeforeEach
    void start() {
        market = new MarketState(List.of("BTC-USD", "ETH-USD"));
        market.addListener(event -> delivered.add(event.globalSeq + ":" + event.ticker.productId + ":"
                + event.ticker.field(TickField.PRICE)));
        ring = new TickRing(1024, market, new DefaultThreadFactory("test-consumer", true));
        ring.start();
    }

    @AfterEach
    void stop() {
        ring.close();
    }

    @Test
    void acceptedTicksGetConsecutiveGlobalSequenceNumbers() {
        publish(advancedTrade("BTC-USD", "100.01", "10.5"), 1);
        publish(advancedTrade("ETH-USD", "2000.1", "7"), 1);
        publish(advancedTrade("BTC-USD", "100.02", "10.6"), 1);
        await().until(() -> market.accepted() == 3);

        assertEquals(List.of("1:BTC-USD:100.01", "2:ETH-USD:2000.1", "3:BTC-USD:100.02"), delivered);
        assertEquals(3, market.lastSeq());
        assertEquals(2, market.product("BTC-USD").updates());
    }

    @Test
    void sameAdvancedTradeContentFromAnotherLinkIsADuplicate() {
        publish(advancedTrade("BTC-USD", "100.01", "10.5"), 1);
        publish(advancedTrade("BTC-USD", "100.01", "10.5"), 2); // rotation overlap: same tick on the new link
        publish(advancedTrade("BTC-USD", "100.01", "10.6"), 2); // volume moved: a new trade at the same price
        await().until(() -> market.accepted() + market.duplicates() == 3);

        assertEquals(2, market.accepted());
        assertEquals(1, market.duplicates());
        assertEquals(1, market.product("BTC-USD").duplicates());
        assertEquals(List.of("1:BTC-USD:100.01", "2:BTC-USD:100.01"), delivered);
    }

    @Test
    void exchangeTickersAreOrderedBySequenceAndFirstArrivalWins() {
        publish(exchange("BTC-USD", "100.00", 500), 1);
        publish(exchange("BTC-USD", "100.50", 520), 1);
        publish(exchange("BTC-USD", "100.00", 500), 2); // the other link's copy of an older tick
        publish(exchange("BTC-USD", "100.50", 520), 2);
        publish(exchange("BTC-USD", "101.00", 530), 2);
        await().until(() -> market.accepted() + market.duplicates() == 5);

        assertEquals(3, market.accepted());
        assertEquals(List.of("1:BTC-USD:100.00", "2:BTC-USD:100.50", "3:BTC-USD:101.00"), delivered);
    }

    @Test
    void latestTickerIsReadableFromAnotherThreadWithExactBytes() {
        publish(advancedTrade("ETH-USD", "2000.10", "7.000"), 1);
        await().until(() -> market.accepted() == 1);

        TickerSnapshot snapshot = new TickerSnapshot();
        assertTrue(market.product("ETH-USD").readLatest(snapshot));
        assertEquals("2000.10", snapshot.ticker.field(TickField.PRICE).toString());
        assertEquals("7.000", snapshot.ticker.field(TickField.VOLUME_24H).toString());
        assertEquals(1, snapshot.globalSeq);
        assertFalse(market.product("BTC-USD").readLatest(new TickerSnapshot()));
    }

    @Test
    void unplannedProductIsRegisteredOnFirstSight() {
        publish(advancedTrade("SOL-USD", "150", "1"), 1);
        await().until(() -> market.accepted() == 1);

        assertNotNull(market.product("SOL-USD"));
        assertEquals(3, market.products().size());
    }

    @Test
    void aFullRingCountsDropsInsteadOfBlocking() {
        MarketState slow = new MarketState(List.of("BTC-USD"));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        slow.addListener(event -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TickRing small = new TickRing(1024, slow, new DefaultThreadFactory("slow-consumer", true));
        small.start();
        try {
            int published = 0;
            for (int i = 0; i < 1100; i++) {
                if (small.tryPublish(advancedTrade("BTC-USD", "1", Integer.toString(i)), origin)) {
                    published++;
                }
            }
            assertTrue(published <= 1024 + 1, "published " + published);
            assertEquals(1100 - published, small.dropped());
        } finally {
            release.countDown();
            small.close();
        }
    }

    @Test
    void productsFollowedAtRunTimeJoinAndLeaveWhileTheirEntriesKeepTheirIndex() {
        List<String> changes = new CopyOnWriteArrayList<>();
        market.addProductSetListener((added, removed, reason) -> changes.add(added + " " + removed + " " + reason));

        market.follow(List.of("SOL-USD", "BTC-USD"), List.of("ETH-USD"), "test");
        ProductEntry sol = market.product("SOL-USD");
        assertEquals(2, sol.index(), "registered after the two planned products");
        assertEquals(List.of("BTC-USD", "SOL-USD"), market.followedProducts().stream().map(ProductEntry::id).toList());
        assertEquals(List.of("BTC-USD", "ETH-USD", "SOL-USD"), market.products().stream().map(ProductEntry::id)
                .toList(), "every product known, each at its index");
        assertEquals(null, market.named("eth"), "a product left is no longer a name clients can use");
        assertFalse(market.product("ETH-USD").followed(), "its entry stays, for a late tick and its index");
        publish(advancedTrade("SOL-USD", "150.00", "1"), 1);
        await().until(() -> sol.updates() == 1);

        publish(advancedTrade("ETH-USD", "2000.00", "1"), 1);
        publish(advancedTrade("SOL-USD", "151.00", "1"), 1);
        await().until(() -> sol.updates() == 2);
        assertEquals(0, market.product("ETH-USD").updates(), "a product left takes no tick");
        assertTrue(delivered.stream().noneMatch(d -> d.contains("ETH-USD")), delivered.toString());

        market.follow(List.of("ETH-USD"), List.of(), "test again");
        assertEquals(1, market.product("ETH-USD").index(), "followed again under the index it had");
        market.follow(List.of("ETH-USD"), List.of("DOGE-USD"), "nothing new");
        assertEquals(List.of("[SOL-USD] [ETH-USD] test", "[ETH-USD] [] test again"), changes,
                "told only what changed: BTC was followed already, DOGE never was");
    }

    private void publish(TickerSlot slot, long linkId) {
        origin.connectionId = 0;
        origin.linkId = linkId;
        origin.receivedNanos = System.nanoTime();
        origin.receivedEpochNanos = System.currentTimeMillis() * 1_000_000L;
        assertTrue(ring.tryPublish(slot, origin));
    }

    private static TickerSlot advancedTrade(String product, String price, String volume) {
        TickerSlot slot = new TickerSlot();
        slot.productId.set(product);
        slot.field(TickField.PRICE).set(price);
        slot.field(TickField.VOLUME_24H).set(volume);
        return slot;
    }

    private static TickerSlot exchange(String product, String price, long sequence) {
        TickerSlot slot = advancedTrade(product, price, "1");
        slot.exchangeSequence = sequence;
        slot.tradeId = sequence / 10;
        return slot;
    }
}
