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
