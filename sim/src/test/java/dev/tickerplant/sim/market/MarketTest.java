package dev.tickerplant.sim.market;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MarketTest {

    private static Market market(double rate) {
        return new Market(ProductCatalog.generate(1), 1, rate, 1_000_000, Clock.systemUTC(), System::nanoTime);
    }

    @Test
    void tradesAtTheConfiguredTotalRate() {
        // The pump's clock moves 100 µs each time the pump reads it, so how many trades fall due by a clock reading
        // is the schedule's arithmetic alone: however late a busy machine runs the pump, nothing is skipped.
        AtomicLong clock = new AtomicLong();
        try (Market market = new Market(ProductCatalog.generate(1), 1, 2_000, 1_000_000, Clock.systemUTC(),
                () -> clock.addAndGet(100_000))) {
            AtomicLong published = new AtomicLong();
            market.start(batch -> published.addAndGet(batch.size()));
            await("a second of trading on the pump's clock").until(() -> published.get() >= 2_000);
            double rate = published.get() / (clock.get() / 1e9);
            // Poisson noise on 2000 trades is about 2 %.
            assertTrue(rate > 1_800 && rate < 2_200, "measured " + rate + " ticks/s for 2000 configured");
            assertEquals(published.get(), market.emitted().total(), "every published tick is in the log");
        }
    }

    @Test
    void publishesOnlyAfterLogAndLatestAreUpdated() {
        try (Market market = market(500)) {
            List<String> problems = new CopyOnWriteArrayList<>();
            AtomicLong seen = new AtomicLong();
            market.start(batch -> {
                for (Tick tick : batch) {
                    if (market.latest().of(tick.product()).emission() < tick.emission()) {
                        problems.add("latest behind " + tick.productId());
                    }
                }
                Tick last = batch.get(batch.size() - 1);
                if (market.emitted().find(last.productId(), last.emission()).isEmpty()) {
                    problems.add("not logged " + last);
                }
                seen.addAndGet(batch.size());
            });
            await("100 ticks").until(() -> seen.get() >= 100);
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void pauseStopsGenerationAndRateChangesTakeEffect() {
        try (Market market = market(1_000)) {
            AtomicLong published = new AtomicLong();
            market.start(batch -> published.addAndGet(batch.size()));
            await("ticks").until(() -> published.get() > 50);
            market.paused(true);
            long settled = market.emitted().total();
            assertEquals(settled, published.get(), "pausing returns after the last batch was handed on");
            await("no ticks while paused").during(Duration.ofMillis(300)).atMost(Duration.ofMillis(300).plusSeconds(10))
                    .until(() -> market.emitted().total() == settled);
            market.ticksPerSecond(5_000);
            market.paused(false);
            await("ticks after resume")
                    .until(() -> market.emitted().total() > settled + 1_000);
            assertEquals(5_000, market.ticksPerSecond());
        }
    }

    @Test
    void latestFollowsAliases() {
        try (Market market = market(0)) {
            assertSame(market.latest().of("BTC-USD"), market.latest().of("BTC-USDC"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> market.ticksPerSecond(-1));
            assertEquals("tick rate: -1.0 (expected: 0..1000000.0 ticks per second)", e.getMessage());
        }
    }

    @Test
    void aListingJoinsTheCatalogByVolumeAndTradesAtItsShare() {
        // Fast enough that the rounds below pass in a fraction of a second: what is tested is the order, not the rate.
        try (Market market = new Market(ProductCatalog.generate(1), 1, 20_000,
                TickSchedule.constant(TickSchedule.ProductOrder.ROUND_ROBIN), 1_000_000, Clock.systemUTC(), System::nanoTime)) {
            int size = market.catalog().size();
            Product eth = market.catalog().require("ETH-USD");
            int ethPlace = market.catalog().products().indexOf(eth);
            Product listed = market.list(new NewListing("NEW-EUR", new BigDecimal("12.346"),
                    eth.quoteVolume24h().add(BigDecimal.ONE)));
            assertEquals(size, listed.index(), "the next index: per-index state elsewhere stays valid");
            assertEquals(List.of("NEW-EUR", "ETH-USD"), market.catalog().products().subList(ethPlace, ethPlace + 2)
                    .stream().map(Product::id).toList(), "busiest first, listings included");
            assertEquals("Euro", listed.quoteName(), "named like the catalog's other EUR books");
            assertEquals(new BigDecimal("12.35"), listed.referencePrice(), "rounded to its price increment");
            assertEquals(0.5, listed.tickWeight(), "one over its rank among the trading books");
            assertEquals(0, market.latest().of("NEW-EUR").emission(), "its opening state is there before any trade");

            market.start(batch -> { });
            await("NEW-EUR trades in its turn").until(() -> market.emitted().ticksFor("NEW-EUR").size() >= 3);
            market.delist("NEW-EUR");
            long traded = market.emitted().ticksFor("NEW-EUR").size();
            long total = market.emitted().total();
            // Round robin over about 300 books: ten rounds without NEW-EUR prove it left the rotation.
            await("ten rounds").until(() -> market.emitted().total() > total + 3_000);
            assertEquals(traded, market.emitted().ticksFor("NEW-EUR").size(), "no trade after delist() returned");
            Product delisted = market.catalog().require("NEW-EUR");
            assertEquals("delisted", delisted.flags().status());
            assertFalse(delisted.flags().tradable());
            assertFalse(delisted.trades());
            assertEquals(ethPlace, market.catalog().products().indexOf(delisted), "a delisting keeps its place in the list");
        }
    }
}
