package dev.tickerplant.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {

    @Test
    void aMissSaysByHowMuchAndAMissingScenarioIsNotJudged() {
        List<Targets.Row> rows = Targets.evaluate(Map.of(
                "latency", Map.of("subscriber", Map.of("end_to_end", Map.of("p99_us", 750.0, "p99_9_us", 1500.0))),
                "fanout_ramp", Map.of("highest_deliveries_per_s_held", 250_000.0)));
        Targets.Row p99 = rows.get(0);
        assertFalse(p99.met());
        assertEquals("250 us over (1.50x)", p99.missedBy());
        assertTrue(rows.get(1).met());
        assertEquals("750,000 deliveries/s short (25.0 % of target)", rows.get(2).missedBy());
        assertNull(rows.get(4).met(), "realistic did not run");
    }

    @Test
    void theNatsTargetsTakeTheWorstRampStepAndSayWhyWhenNoStepQualifies() {
        Map<String, Object> ramp = Map.of("stopped", "at 50 ticks/s: p99 40000 us > 10000 us", "steps", List.of(
                Map.of("tick_rate", 25, "daemon_cpu_us_per_delivery", 9.0,
                        "ratios_over_nats", Map.of("cpu_per_delivery_tickerplant_over_nats", 0.4)),
                Map.of("tick_rate", 50, "daemon_cpu_us_per_delivery", 8.0,
                        "ratios_over_nats", Map.of("cpu_per_delivery_tickerplant_over_nats", 0.75))));
        List<Targets.Row> rows = Targets.evaluate(Map.of("fanout_ramp", ramp));
        Targets.Row ratio = row(rows, "nats-server's, worst ramp step");
        assertEquals(0.75, ratio.measured());
        assertFalse(ratio.met());
        Targets.Row fast = row(rows, ">= 500 ticks/s");
        assertNull(fast.measured());
        assertNull(fast.met());
        assertTrue(fast.missedBy().contains("at 50 ticks/s"), fast.missedBy());
    }

    @Test
    void thePeerTargetsAreJudgedAtEachRate() {
        Map<String, Object> peer = Map.of("by_rate", List.of(
                Map.of("tick_rate", 200, "ratios", Map.of("cpu_per_tick_tickerplant_over_peer", 0.2,
                        "p99_subscriber_over_peer_callback", 0.9)),
                Map.of("tick_rate", 2000, "ratios", Map.of("cpu_per_tick_tickerplant_over_peer", 0.5,
                        "p99_subscriber_over_peer_callback", 0.1))));
        List<Targets.Row> rows = Targets.evaluate(Map.of("peer", peer));
        assertTrue(row(rows, "CPU per tick, tickerplant / XChange-stream, 200 ticks/s").met());
        assertFalse(row(rows, "p99, tickerplant subscriber / XChange-stream callback, 200 ticks/s").met());
        assertFalse(row(rows, "CPU per tick, tickerplant / XChange-stream, 2,000 ticks/s").met());
        assertTrue(row(rows, "p99, tickerplant subscriber / XChange-stream callback, 2,000 ticks/s").met());
    }

    private static Targets.Row row(List<Targets.Row> rows, String part) {
        return rows.stream().filter(r -> r.target().contains(part)).findFirst().orElseThrow();
    }

    @Test
    void theGeneratedSectionIsReplacedBetweenItsMarkersOnly(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("BENCHMARKS.md");
        Files.writeString(doc, "# Benchmarks\n\nAnalysis before.\n\n" + Markdown.BEGIN + "\nold figures\n" + Markdown.END
                + "\n\nAnalysis after.\n");
        Markdown.updateDocument(doc, "new figures\n");
        String text = Files.readString(doc);
        assertTrue(text.contains("Analysis before.") && text.contains("Analysis after."), text);
        assertTrue(text.contains(Markdown.BEGIN + "\nnew figures\n" + Markdown.END), text);
        assertFalse(text.contains("old figures"), text);
    }
}
