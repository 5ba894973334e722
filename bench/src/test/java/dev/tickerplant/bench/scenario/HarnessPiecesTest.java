package dev.tickerplant.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.bench.process.ProcFs;
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
    void theBusHopIsTheScaleOutMinusTheSingleProcessPerPercentile() {
        Map<String, Object> hop = BusHop.compare(new LatencySummary(100, 500, 800, 2_000, 9_000, 12_000),
                new LatencySummary(100, 1_700, 2_500, 5_000, 30_000, 40_000));
        assertEquals(1_200.0, hop.get("added_p50_us"));
        assertEquals(3_000.0, hop.get("added_p99_us"));
        assertEquals(21_000.0, hop.get("added_p99_9_us"));
        assertEquals(2.5, hop.get("ratio_p99"));
        assertEquals(Double.NaN, BusHop.microsEach(1_000, 0));
    }

    @Test
    void theNodesTogetherAreIngestFanoutsAndNatsServerButNotTheSimulator() {
        List<String> fanouts = List.of("fanout-a", "fanout-b");
        long second = 1_000_000_000L;
        ClusterWindow.Mark from = new ClusterWindow.Mark("ingest-1", fanouts, Map.of(
                "ingest-1", new ProcFs.Sample(0, 0, 0, 0), "fanout-a", new ProcFs.Sample(0, 0, 0, 0),
                "fanout-b", new ProcFs.Sample(0, 0, 0, 0), "nats-server", new ProcFs.Sample(0, 0, 0, 0),
                "simulator", new ProcFs.Sample(0, 0, 0, 0)),
                Map.of("ingest-1", 1_000L, "fanout-a", 990L, "fanout-b", 980L), 1_000, 0);
        // One second: ingest 0.2 s of CPU, each fanout 0.3 s, nats-server 0.1 s, the simulator 0.5 s.
        ClusterWindow.Mark to = new ClusterWindow.Mark("ingest-1", fanouts, Map.of(
                "ingest-1", new ProcFs.Sample(second, 200_000_000L, 0, 0),
                "fanout-a", new ProcFs.Sample(second, 300_000_000L, 0, 0),
                "fanout-b", new ProcFs.Sample(second, 300_000_000L, 0, 0),
                "nats-server", new ProcFs.Sample(second, 100_000_000L, 0, 0),
                "simulator", new ProcFs.Sample(second, 500_000_000L, 0, 0)),
                Map.of("ingest-1", 3_000L, "fanout-a", 2_990L, "fanout-b", 2_480L), 2_999, 1);

        Map<String, Object> figures = ClusterWindow.figures(from, to, 200_000);

        assertEquals(2_000L, figures.get("ticks_accepted_by_ingest"));
        assertEquals(1_999L, figures.get("ticks_stored_in_stream"));
        assertEquals(1L, figures.get("ticks_dropped_for_the_bus"));
        assertEquals(100.0, (double) ((Map<?, ?>) figures.get("ingest-1")).get("cpu_us_per_tick"), 1e-9);
        // A fanout node's own figure is per tick it read off the stream.
        assertEquals(200.0, (double) ((Map<?, ?>) figures.get("fanout-b")).get("cpu_us_per_tick"), 1e-9);
        Map<?, ?> nodes = (Map<?, ?>) figures.get("all_nodes");
        assertEquals(90.0, (double) nodes.get("cpu_percent_of_one_core"), 1e-9);
        assertEquals(450.0, (double) nodes.get("cpu_us_per_tick"), 1e-9);
        assertEquals(4.5, (double) nodes.get("cpu_us_per_delivery"), 1e-9);
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
