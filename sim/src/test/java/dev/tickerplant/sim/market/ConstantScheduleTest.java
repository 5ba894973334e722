package dev.tickerplant.sim.market;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The constant-rate schedule: exact intended times, kept even when the pump runs late, and round-robin products. */
class ConstantScheduleTest {

    private static final long MILLISECOND = TimeUnit.MILLISECONDS.toNanos(1);

    private static Market market(double rate, TickSchedule.ProductOrder order) {
        return new Market(ProductCatalog.generate(1), 1, rate, TickSchedule.constant(order), 1_000_000,
                Clock.systemUTC(), System::nanoTime);
    }

    private static long epochNanos(Tick tick) {
        return tick.time().getEpochSecond() * 1_000_000_000L + tick.time().getNano();
    }

    @Test
    void ticksAreStampedExactlyOnePeriodApart() {
        try (Market market = market(1_000, TickSchedule.ProductOrder.WEIGHTED)) {
            List<Tick> ticks = new CopyOnWriteArrayList<>();
            market.start(ticks::addAll);
            await("300 ticks").until(() -> ticks.size() >= 300);
            for (int i = 1; i < 300; i++) {
                assertEquals(MILLISECOND, epochNanos(ticks.get(i)) - epochNanos(ticks.get(i - 1)),
                        "gap between intended times of ticks " + (i - 1) + " and " + i);
            }
        }
    }

    @Test
    void aLatePumpEmitsTheWholeBacklogWithItsIntendedTimes() {
        long stallNanos = TimeUnit.MILLISECONDS.toNanos(120);
        try (Market market = market(1_000, TickSchedule.ProductOrder.WEIGHTED)) {
            List<Tick> ticks = new CopyOnWriteArrayList<>();
            List<Long> lateness = new CopyOnWriteArrayList<>();
            AtomicBoolean stalled = new AtomicBoolean();
            market.start(batch -> {
                Instant now = Instant.now();
                long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                lateness.add(nowNanos - epochNanos(batch.get(0)));
                ticks.addAll(batch);
                if (ticks.size() >= 20 && stalled.compareAndSet(false, true)) {
                    // A stalled sink is a stalled pump: the ticks due meanwhile must still come, stamped when due.
                    LockSupport.parkNanos(stallNanos);
                }
            });
            await("400 ticks").until(() -> ticks.size() >= 400);
            for (int i = 1; i < 400; i++) {
                assertEquals(MILLISECOND, epochNanos(ticks.get(i)) - epochNanos(ticks.get(i - 1)),
                        "no tick skipped or re-timed around the stall, at tick " + i);
            }
            long worst = lateness.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(worst >= stallNanos * 3 / 4, "the batch after the stall was published "
                    + TimeUnit.NANOSECONDS.toMillis(worst) + " ms after its first tick's intended time");
        }
    }

    @Test
    void roundRobinVisitsEveryTradingProductOncePerCycle() {
        ProductCatalog catalog = ProductCatalog.generate(1);
        TickGenerator generator = new TickGenerator(catalog, 1,
                Clock.fixed(Instant.parse("2026-09-05T22:10:29Z"), ZoneOffset.UTC), TickSchedule.ProductOrder.ROUND_ROBIN);
        long trading = catalog.products().stream().filter(p -> !p.isAlias() && p.trades()).count();
        List<String> first = new ArrayList<>();
        for (int i = 0; i < trading; i++) {
            first.add(generator.next().productId());
        }
        Set<String> distinct = new HashSet<>(first);
        assertEquals(trading, distinct.size(), "one cycle trades every trading product exactly once");
        for (int i = 0; i < trading; i++) {
            assertEquals(first.get(i), generator.next().productId(), "the second cycle repeats the order, at " + i);
        }
    }

    @Test
    void anExplicitTradeTimeIsKeptToTheNanosecond() {
        TickGenerator generator = new TickGenerator(ProductCatalog.generate(1), 1, Clock.systemUTC(),
                TickSchedule.ProductOrder.WEIGHTED);
        Instant intended = Instant.parse("2026-09-05T22:10:29.562008293Z");
        assertEquals(intended, generator.next(intended).time());
    }

    @Test
    void pacingAndOrderParseFromTheirFlagValues() {
        assertEquals(TickSchedule.Pacing.CONSTANT, TickSchedule.parsePacing("constant"));
        assertEquals(TickSchedule.ProductOrder.ROUND_ROBIN, TickSchedule.parseOrder("round-robin"));
        assertEquals("'steady' (expected: poisson or constant)",
                assertThrows(IllegalArgumentException.class, () -> TickSchedule.parsePacing("steady")).getMessage());
        assertEquals("constant/round-robin", TickSchedule.constant(TickSchedule.ProductOrder.ROUND_ROBIN).toString());
    }
}
