package dev.tickerplant.ingest.upstream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.ingest.catalog.Selection;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.sim.market.Tick;
import dev.tickerplant.testing.EndToEnd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** redundancy = 2: every shard on two independent legs; a leg's failure must cost subscribers nothing. */
@EndToEnd
class RedundancyTest {

    @Test
    void resettingLegsOneAtATimeLosesNoEmittedTick() {
        try (UpstreamHarness h = new UpstreamHarness(SimulatorOptions.defaults().withTickRate(400).withSeed(5),
                Selection.topN(6, "USD"), 3, Duration.ofSeconds(5), CoinbaseProtocol.ADVANCED_TRADE,
                Optional.empty(), () -> null, 2)) {
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            List<String> deliveredTwice = new ArrayList<>();
            h.market.addListener(event -> {
                String key = event.ticker.productId + "|" + event.ticker.field(TickField.VOLUME_24H) + "|"
                        + event.ticker.field(TickField.PRICE);
                if (!accepted.add(key)) {
                    deliveredTwice.add(key);
                }
            });
            h.start();
            assertEquals(4, h.conductor.sessions().size());
            assertEquals(List.of("conn-00a", "conn-01a", "conn-00b", "conn-01b"),
                    h.conductor.sessions().stream().map(UpstreamSession::name).toList());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(
                    h.conductor.streamingCount() == 4, h::describe));
            Map<String, Long> baseline = emittedSoFar(h);

            // Knock out one leg at a time. Before each reset, the other leg must have caught up: a leg that has just
            // subscribed starts from a snapshot of each product's latest tick, so the ticks emitted before its
            // subscription that the leg about to be reset had not delivered yet exist on that leg alone (see
            // docs/reliability.md). The wait is itself the check that nothing emitted so far was lost.
            for (int round = 0; round < 4; round++) {
                UpstreamSession victim = h.conductor.sessions().get(round % 2 == 0 ? round / 2 : 2 + round / 2);
                Map<String, Long> emitted = emittedSoFar(h);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(
                        () -> assertNoneMissing(h, baseline, emitted, accepted));
                long reconnects = victim.stats().reconnects.sum();
                String address = victim.stats().localAddress();
                h.sim.faults().resetConnection(h.simConnectionByAddress(victim).id());
                // Back means streaming on a new link: the old link's STREAMING must not pass for it, or the sibling
                // is reset while this leg is still down and the ticks of that moment reach neither leg.
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTrue(
                        victim.stats().reconnects.sum() > reconnects && !victim.stats().localAddress().equals(address)
                                && victim.stats().streaming(),
                        () -> victim.name() + " back: " + h.describe()));
            }
            h.sim.pauseTicks();

            Map<String, Long> emitted = emittedSoFar(h);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertNoneMissing(h, baseline, emitted, accepted));
            assertEquals(List.of(), deliveredTwice);
            assertTrue(h.market.legWins(0) > 0 && h.market.legWins(1) > 0,
                    "both legs won some: A " + h.market.legWins(0) + ", B " + h.market.legWins(1));
            assertTrue(h.market.legLosses(0) + h.market.legLosses(1) > 0);
            assertTrue(h.market.legLag(0).cumulative().getTotalCount()
                    + h.market.legLag(1).cumulative().getTotalCount() > 0, "lag recorded for the losing copies");
        }
    }

    /** Every tick emitted for a followed product after {@code from} and up to {@code upTo} was accepted. */
    private static void assertNoneMissing(UpstreamHarness h, Map<String, Long> from, Map<String, Long> upTo,
                                          Set<String> accepted) {
        List<String> missing = new ArrayList<>();
        from.forEach((product, after) -> {
            for (Tick t : h.sim.emitted().ticksFor(product)) {
                if (t.emission() > after && t.emission() <= upTo.get(product)
                        && !accepted.contains(product + "|" + t.volume24h() + "|" + t.price())) {
                    missing.add(product + "#" + t.emission());
                }
            }
        });
        assertTrue(missing.isEmpty(), () -> missing.size() + " emitted ticks never accepted, e.g. "
                + missing.subList(0, Math.min(5, missing.size())));
    }

    /** The emission number of each followed product's latest tick. */
    private static Map<String, Long> emittedSoFar(UpstreamHarness h) {
        Map<String, Long> last = new HashMap<>();
        for (UpstreamSession s : h.conductor.sessions()) {
            for (String product : s.products()) {
                List<Tick> ticks = h.sim.emitted().ticksFor(product);
                last.put(product, ticks.isEmpty() ? 0 : ticks.get(ticks.size() - 1).emission());
            }
        }
        return last;
    }
}
