package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.NatsStack;
import dev.tickerplant.bench.process.ProcFs;
import dev.tickerplant.bench.stats.LatencySummary;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measurement window on the nats-server side of a comparison, taken exactly as the daemon's: the subscribers'
 * figures over the window, and nats-server's process CPU (user + system, /proc) per delivery they received.
 *
 * @param received what the subscriber process measured
 * @param server   nats-server's figures over the window
 */
record NatsWindow(Subscribers received, Map<String, Object> server) {

    static NatsWindow measure(NatsStack stack, Duration window) {
        ProcFs.Sample subscribersFrom = Measure.reset(stack.subscribers());
        ProcFs.Sample serverFrom = ProcFs.sample(stack.server().pid());
        long slowBefore = stack.server().slowConsumers();
        Measure.pause(window);
        ProcFs.Sample serverTo = ProcFs.sample(stack.server().pid());
        Subscribers received = Measure.subscribers(stack.subscribers(), false, subscribersFrom);
        long slowAfter = stack.server().slowConsumers();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("window_s", (serverTo.monotonicNanos() - serverFrom.monotonicNanos()) / 1e9);
        server.put("cpu_percent_of_one_core", ProcFs.cpuPercentOfOneCore(serverFrom, serverTo));
        server.put("cpu_us_per_delivery", Measure.cpuPerDelivery(serverTo.cpuNanos() - serverFrom.cpuNanos(),
                received.tickers()));
        server.put("rss_mb", serverTo.rssBytes() / 1048576.0);
        server.put("slow_consumers_in_window", slowBefore < 0 || slowAfter < 0 ? -1 : slowAfter - slowBefore);
        server.put("state", stack.health());
        server.put("version", stack.server().version());
        return new NatsWindow(received, server);
    }

    double cpuMicrosPerDelivery() {
        return ((Number) server.get("cpu_us_per_delivery")).doubleValue();
    }

    LatencySummary endToEnd() {
        return LatencySummary.ofNanos(received.endToEnd());
    }

    /** Tickerplant's figures over nats-server's: CPU per delivery, p50 and p99 (below 1: tickerplant is better). */
    Map<String, Object> ratios(double daemonCpuMicrosPerDelivery, LatencySummary daemonEndToEnd) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cpu_per_delivery_tickerplant_over_nats", daemonCpuMicrosPerDelivery / cpuMicrosPerDelivery());
        LatencySummary nats = endToEnd();
        json.put("p50_tickerplant_over_nats", daemonEndToEnd.p50Micros() / nats.p50Micros());
        json.put("p99_tickerplant_over_nats", daemonEndToEnd.p99Micros() / nats.p99Micros());
        return json;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nats_server", server);
        json.put("subscriber", received.toJson());
        return json;
    }
}
