package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.stats.LatencySummary;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the scale-out adds to a path measured both ways, one process and ingest → bus → fanout node: the difference
 * of the two summaries percentile by percentile, and their ratio. A percentile of a difference is not the difference
 * of percentiles; with the same load, subscribers and machine on both sides, the latter is what can be measured
 * without stamping each tick on the bus.
 */
final class BusHop {

    private BusHop() {
    }

    /** {@code single} and {@code scaledOut} side by side, with {@code added_*_us} and {@code ratio_*} per percentile. */
    static Map<String, Object> compare(LatencySummary single, LatencySummary scaledOut) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("single", single.toJson());
        json.put("scale_out", scaledOut.toJson());
        put(json, "p50", single.p50Micros(), scaledOut.p50Micros());
        put(json, "p99", single.p99Micros(), scaledOut.p99Micros());
        put(json, "p99_9", single.p999Micros(), scaledOut.p999Micros());
        return json;
    }

    private static void put(Map<String, Object> json, String percentile, double single, double scaledOut) {
        json.put("added_" + percentile + "_us", scaledOut - single);
        json.put("ratio_" + percentile, scaledOut / single);
    }

    /**
     * CPU spent on one tick (or one delivery) by a set of processes together, from their CPU over the same window.
     *
     * @param cpuNanos the processes' CPU time in the window, summed
     * @param count    ticks (or deliveries) in the window
     */
    static double microsEach(long cpuNanos, long count) {
        return count <= 0 ? Double.NaN : cpuNanos / 1e3 / count;
    }
}
