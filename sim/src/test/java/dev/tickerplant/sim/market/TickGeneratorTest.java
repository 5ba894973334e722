package dev.tickerplant.sim.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TickGeneratorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-09-05T22:10:29.562008Z"), ZoneOffset.UTC);
    private final ProductCatalog catalog = ProductCatalog.generate(42);

    private List<Tick> draw(long seed, int count) {
        TickGenerator generator = new TickGenerator(catalog, seed, CLOCK);
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ticks.add(generator.next());
        }
        return ticks;
    }

    @Test
    void sameSeedDrawsTheSameTrades() {
        assertEquals(draw(3, 500), draw(3, 500));
        assertFalse(draw(3, 50).equals(draw(4, 50)));
    }

    @Test
    void everyTickOfAProductIsUniqueAndNumberedFromOne() {
        Map<String, List<Tick>> byProduct = new HashMap<>();
        draw(5, 20_000).forEach(t -> byProduct.computeIfAbsent(t.productId(), id -> new ArrayList<>()).add(t));
        byProduct.forEach((id, ticks) -> {
            for (int i = 0; i < ticks.size(); i++) {
                Tick tick = ticks.get(i);
                assertEquals(i + 1, tick.emission(), id + " emission");
                if (i > 0) {
                    Tick previous = ticks.get(i - 1);
                    assertTrue(tick.volume24hUnits() > previous.volume24hUnits(), id + " volume grows");
                    assertEquals(previous.tradeId() + 1, tick.tradeId(), id + " trade ids are contiguous");
                    long step = tick.sequence() - previous.sequence();
                    assertTrue(step >= 1 && step <= 50, id + " sequence step " + step);
                }
            }
        });
    }

    @Test
    void busiestProductsTradeMost() {
        Map<String, Integer> counts = new HashMap<>();
        draw(9, 20_000).forEach(t -> counts.merge(t.productId(), 1, Integer::sum));
        int btc = counts.get("BTC-USD");
        int eth = counts.get("ETH-USD");
        int tail = counts.getOrDefault(catalog.products().stream()
                .filter(p -> p.quoteCurrency().equals("USD") && p.trades()).reduce((a, b) -> b).orElseThrow().id(), 0);
        assertTrue(btc > eth && eth > tail, "BTC " + btc + " > ETH " + eth + " > tail " + tail);
        assertTrue(btc > 20_000 / 10, "BTC carries a large share: " + btc);
        assertTrue(counts.keySet().stream().noneMatch(id -> id.endsWith("-USDC") && !id.startsWith("USDT") && !id.startsWith("EURC")),
                "aliases never trade on their own");
    }

    @Test
    void stringsAreExactDecimalsOfTheProductsIncrements() {
        for (Tick tick : draw(11, 3_000)) {
            Product p = tick.product();
            assertEquals(p.priceScale(), new BigDecimal(tick.price()).scale(), tick.price());
            assertEquals(p.baseScale(), new BigDecimal(tick.volume24h()).scale(), tick.volume24h());
            assertFalse(tick.price().contains("E") || tick.bestBid().contains("E"), tick.price());
            assertTrue(new BigDecimal(tick.bestBid()).compareTo(new BigDecimal(tick.bestAsk())) < 0);
            assertTrue(tick.price().equals(tick.bestBid()) || tick.price().equals(tick.bestAsk()),
                    "a trade happens at the touch");
            assertEquals(tick.takerBuy(), tick.price().equals(tick.bestAsk()), "a taker buy lifts the ask");
            assertTrue(tick.pricePercentChange24h().matches("-?\\d+\\.\\d{14}"), tick.pricePercentChange24h());
        }
    }

    @Test
    void pricesMoveALittleAndStayNearTheReference() {
        List<Tick> btc = draw(13, 50_000).stream().filter(t -> t.productId().equals("BTC-USD")).toList();
        long reference = Decimals.toUnits(catalog.require("BTC-USD").referencePrice(), 2);
        for (int i = 1; i < btc.size(); i++) {
            long move = Math.abs(btc.get(i).priceUnits() - btc.get(i - 1).priceUnits());
            assertTrue(move < reference / 100, "one trade moves BTC by less than 1%: " + move);
        }
        long last = btc.get(btc.size() - 1).priceUnits();
        assertTrue(Math.abs(last - reference) < reference / 10, "BTC stays within 10% of its reference");
    }

    @Test
    void initialTicksCoverEveryNonAliasProductAsEmissionZero() {
        TickGenerator generator = new TickGenerator(catalog, 1, CLOCK);
        List<Tick> initial = generator.initialTicks();
        long nonAlias = catalog.products().stream().filter(p -> !p.isAlias()).count();
        assertEquals(nonAlias, initial.size());
        assertTrue(initial.stream().allMatch(t -> t.emission() == 0 && !t.time().isAfter(CLOCK.instant())));
    }
}
