package dev.tickerplant.ingest.upstream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Make-before-break rotation, checked against the simulator's record of every tick it emitted. */
@EndToEnd
class RotationTest {

    @Test
    void rotatingEveryConnectionRepeatedlyLosesNoTickAndDeliversNoneTwice() {
        try (UpstreamHarness h = new UpstreamHarness(SimulatorOptions.defaults().withTickRate(400).withSeed(11),
                Selection.topN(6, "USD"), 3, Duration.ofSeconds(5))) {
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            List<String> duplicatesDelivered = new ArrayList<>();
            h.market.addListener(event -> {
                String key = event.ticker.productId + "|" + event.ticker.field(TickField.VOLUME_24H) + "|"
                        + event.ticker.field(TickField.PRICE);
                if (!accepted.add(key)) {
                    duplicatesDelivered.add(key);
                }
            });
            h.start();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(h.allStreaming(), h::describe));
            Map<String, Long> baseline = emittedSoFar(h);

            for (int round = 1; round <= 3; round++) {
                long rotations = rotationsCompleted(h);
                h.conductor.sessions().forEach(s -> s.rotate("test round"));
                int expected = h.conductor.sessions().size() * round;
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(
                        linksClosedByRotation(h) >= expected,
                        () -> "rotations done " + linksClosedByRotation(h) + "/" + expected));
                assertTrue(rotationsCompleted(h) > rotations);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(h.allStreaming(), h::describe));
            }
            h.sim.pauseTicks();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<String> missing = new ArrayList<>();
                for (String product : baseline.keySet()) {
                    for (Tick t : h.sim.emitted().ticksFor(product)) {
                        if (t.emission() > baseline.get(product)
                                && !accepted.contains(product + "|" + t.volume24h() + "|" + t.price())) {
                            missing.add(product + "#" + t.emission());
                        }
                    }
                }
                assertTrue(missing.isEmpty(), () -> missing.size() + " emitted ticks never accepted, e.g. "
                        + missing.subList(0, Math.min(5, missing.size())));
            });
            assertEquals(List.of(), duplicatesDelivered);
            assertTrue(h.market.duplicates() > 0, "the overlap delivered copies that were dropped");
            assertEquals(0, totalReconnects(h), "rotation is not a reconnect");
        }
    }

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

    private static long rotationsCompleted(UpstreamHarness h) {
        return h.conductor.sessions().stream().mapToLong(s -> s.stats().rotations.sum()).sum();
    }

    private static long linksClosedByRotation(UpstreamHarness h) {
        return h.conductor.sessions().stream().mapToLong(s -> s.stats().rotationsCompleted.sum()).sum();
    }

    private static long totalReconnects(UpstreamHarness h) {
        return h.conductor.sessions().stream().mapToLong(s -> s.stats().reconnects.sum()).sum();
    }
}
