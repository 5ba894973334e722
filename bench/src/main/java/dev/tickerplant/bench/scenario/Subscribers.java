package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.stats.LatencySummary;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A subscriber process's REPORT turned into report figures. */
record Subscribers(double windowSeconds, long tickers, long seqGaps, long missedTicks, long droppedByServer,
                   long negativeLatencies, Histogram endToEnd, Histogram daemonToSubscriber) {

    static Subscribers of(Map<String, Object> report) {
        return new Subscribers(((Number) report.get("window_s")).doubleValue(), number(report, "tickers"),
                number(report, "seq_gaps"), number(report, "missed_ticks"), number(report, "dropped_by_server"),
                number(report, "negative_latencies"), Measure.histogram(report, "end_to_end"),
                Measure.histogram(report, "daemon_to_subscriber"));
    }

    double deliveriesPerSecond() {
        return tickers / windowSeconds;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("window_s", windowSeconds);
        json.put("deliveries", tickers);
        json.put("deliveries_per_s", deliveriesPerSecond());
        json.put("seq_gaps", seqGaps);
        json.put("missed_ticks", missedTicks);
        json.put("dropped_by_server_cumulative", droppedByServer);
        json.put("negative_latencies", negativeLatencies);
        json.put("end_to_end", LatencySummary.ofNanos(endToEnd).toJson());
        json.put("daemon_to_subscriber", LatencySummary.ofNanos(daemonToSubscriber).toJson());
        return json;
    }

    private static long number(Map<String, Object> report, String key) {
        Object value = report.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
