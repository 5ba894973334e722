package dev.tickerplant.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.bench.stats.HistogramCodec;
import dev.tickerplant.bench.stats.LatencySummary;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HarnessPiecesTest {

    @Test
    void histogramsSurviveTheTripBetweenProcesses() {
        Histogram h = new Histogram(60_000_000_000L, 3);
        for (long v = 1; v <= 10_000; v++) {
            h.recordValue(v * 1_000);
        }
        Histogram back = HistogramCodec.decode(HistogramCodec.encode(h));
        assertEquals(h, back);
        LatencySummary summary = LatencySummary.ofNanos(back);
        assertEquals(10_000, summary.count());
        assertEquals(5_000, summary.p50Micros(), 5);
        assertEquals(9_900, summary.p99Micros(), 10);
    }

    @Test
    void recoveryPercentilesAreNearestRank() {
        assertEquals(3L, RecoveryScenario.percentile(List.of(1L, 2L, 3L, 4L, 5L), 50));
        assertEquals(5L, RecoveryScenario.percentile(List.of(1L, 2L, 3L, 4L, 5L), 99));
        Map<String, Object> stats = RecoveryScenario.stats(List.of(300L, 100L, 200L));
        assertEquals(200L, stats.get("p50"));
        assertEquals(300L, stats.get("max"));
    }

    @Test
    void jmhResultsBecomeRows() {
        List<Map<String, Object>> rows = IngestCeilingScenario.parse("[{\"benchmark\":\"dev.tickerplant.bench.jmh."
                + "DecodeAndPublishBenchmark.decodeAndPublish\",\"params\":{\"dialect\":\"exchange\"},"
                + "\"primaryMetric\":{\"score\":74079.2,\"scoreError\":120.5},"
                + "\"secondaryMetrics\":{\"dropped\":{\"score\":0.0},\"published\":{\"score\":74079.2}}}]");
        assertEquals("DecodeAndPublishBenchmark.decodeAndPublish", rows.get(0).get("benchmark"));
        assertEquals(74079.2, rows.get(0).get("ops_per_s"));
        assertEquals(Map.of("dropped", 0.0, "published", 74079.2), rows.get(0).get("counters_per_s"));
    }
}
