package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.process.ProcFs;
import dev.tickerplant.bench.stats.LatencySummary;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A subscriber process's REPORT turned into report figures, with the process's own CPU over the same window.
 *
 * @param closed     connections the server (or the network) closed since the process started
 * @param wireBytes  bytes read off the sockets in the window, before any inflating
 * @param transport  the process's socket transport, epoll or nio
 * @param processCpu the subscriber process's CPU at the start and the end of the window
 */
record Subscribers(double windowSeconds, long tickers, long seqGaps, long missedTicks, long droppedByServer,
                   long negativeLatencies, long closed, long wireBytes, String transport, Histogram endToEnd,
                   Histogram daemonToSubscriber, ProcFs.Sample processCpuFrom, ProcFs.Sample processCpuTo) {

    static Subscribers of(Map<String, Object> report, ProcFs.Sample from, ProcFs.Sample to) {
        return new Subscribers(((Number) report.get("window_s")).doubleValue(), number(report, "tickers"),
                number(report, "seq_gaps"), number(report, "missed_ticks"), number(report, "dropped_by_server"),
                number(report, "negative_latencies"), number(report, "closed"), number(report, "wire_bytes"),
                String.valueOf(report.get("transport")), Measure.histogram(report, "end_to_end"),
                Measure.histogram(report, "daemon_to_subscriber"), from, to);
    }

    double processCpuPercentOfOneCore() {
        return ProcFs.cpuPercentOfOneCore(processCpuFrom, processCpuTo);
    }

    double processCpuMicrosPerDelivery() {
        return Measure.cpuPerDelivery(processCpuTo.cpuNanos() - processCpuFrom.cpuNanos(), tickers);
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
        json.put("connections_closed", closed);
        json.put("process_cpu_percent_of_one_core", processCpuPercentOfOneCore());
        json.put("process_cpu_us_per_delivery", processCpuMicrosPerDelivery());
        json.put("wire_bytes_per_delivery", tickers == 0 ? Double.NaN : wireBytes / (double) tickers);
        json.put("transport", transport);
        json.put("end_to_end", LatencySummary.ofNanos(endToEnd).toJson());
        json.put("daemon_to_subscriber", LatencySummary.ofNanos(daemonToSubscriber).toJson());
        return json;
    }

    private static long number(Map<String, Object> report, String key) {
        Object value = report.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
