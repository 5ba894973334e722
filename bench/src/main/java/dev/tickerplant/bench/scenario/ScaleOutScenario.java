package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.BenchPlan;
import dev.tickerplant.bench.BenchStack;
import dev.tickerplant.bench.RunContext;
import dev.tickerplant.bench.ScaleOutStack;
import dev.tickerplant.bench.process.JavaProcess;
import dev.tickerplant.bench.process.ProcFs;
import dev.tickerplant.bench.stats.LatencySummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * (g) Scale-out over NATS JetStream: the load of (b) (2 000 ticks/s on a constant schedule, intended timestamps, 100
 * subscribers to everything) through one process (role all), then through one ingest node and two fanout nodes around
 * one nats-server with JetStream, the subscribers dealt 50/50 over the fanout nodes; the two never run at once. Reports
 * the end-to-end latency of both, what the bus hop adds (on a fanout node a ticker's {@code receive_time} is the
 * ingest node's, so daemon receive → subscriber read spans the hop), and the CPU per tick of every role from /proc.
 * No flight recording anywhere: its own CPU would count in the per-role figures.
 */
public final class ScaleOutScenario {

    public static final String SINGLE_SERIES = "(g) one process, 100 subscribers";
    public static final String SCALED_SERIES = "(g) ingest + 2 fanout nodes over JetStream, 100 subscribers";

    private ScaleOutScenario() {
    }

    public static Outcome run(RunContext context) {
        BenchPlan plan = context.plan();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("upstream_protocol", "advanced-trade");
        json.put("schedule", "constant/round-robin, intended timestamps");
        json.put("tick_rate", BenchPlan.LATENCY_RATE);
        json.put("subscribers", BenchPlan.LATENCY_SUBSCRIBERS);
        json.put("fanout_nodes", ScaleOutStack.FANOUT_NODES.size());
        Subscribers single;
        Map<String, Object> singleDaemon;
        try (BenchStack stack = BenchStack.start(context, new BenchStack.Spec("scale_out-single", "advanced-trade",
                BenchPlan.LATENCY_RATE, true, false))) {
            JavaProcess subscribers = stack.startSubscribers("subscribers", BenchPlan.LATENCY_SUBSCRIBERS);
            Measure.pause(plan.warmUp());
            String loadBefore = loadAverage();
            ProcFs.Sample subscribersFrom = Measure.reset(subscribers);
            ProcFs.Sample simulatorFrom = ProcFs.sample(stack.simulator().pid());
            Measure.DaemonMark mark = Measure.mark(stack);
            long maxHeap = Measure.runWindow(stack, plan.latencyWindow());
            ProcFs.Sample simulatorTo = ProcFs.sample(stack.simulator().pid());
            single = Measure.subscribers(subscribers, true, subscribersFrom);
            singleDaemon = Measure.daemonFigures(stack, mark, maxHeap, single.tickers());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("cold_start_ms", Measure.millis(stack.coldStart()));
            one.put("subscriber", single.toJson());
            one.put("daemon", singleDaemon);
            one.put("simulator", Measure.clientCpu(simulatorFrom, simulatorTo,
                    (long) number(singleDaemon, "ticks_accepted")));
            one.put("daemon_stages_since_start", stack.daemonLatencies());
            one.put("load_average_before", loadBefore);
            one.put("load_average_after", loadAverage());
            json.put("single", one);
        }
        Subscribers scaled;
        Map<String, Object> cluster;
        try (ScaleOutStack stack = ScaleOutStack.start(context, new BenchStack.Spec("scale_out", "advanced-trade",
                BenchPlan.LATENCY_RATE, true, false), BenchPlan.LATENCY_SUBSCRIBERS)) {
            Measure.pause(plan.warmUp());
            String loadBefore = loadAverage();
            ProcFs.Sample subscribersFrom = Measure.reset(stack.subscribers());
            ClusterWindow.Mark from = ClusterWindow.mark(stack);
            Measure.pause(plan.latencyWindow());
            ClusterWindow.Mark to = ClusterWindow.mark(stack);
            scaled = Measure.subscribers(stack.subscribers(), true, subscribersFrom);
            cluster = ClusterWindow.figures(from, to, scaled.tickers());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("subscriber", scaled.toJson());
            out.put("processes", cluster);
            Map<String, Object> stages = new LinkedHashMap<>();
            stages.put(stack.ingest().name(), stack.ingest().latencies());
            for (ScaleOutStack.Node node : stack.fanouts()) {
                stages.put(node.name(), node.latencies());
            }
            out.put("stages_since_start", stages);
            out.put("nats_server_version", stack.nats().version());
            out.put("load_average_before", loadBefore);
            out.put("load_average_after", loadAverage());
            json.put("scale_out", out);
        }
        Map<String, Object> comparison = new LinkedHashMap<>();
        comparison.put("end_to_end", BusHop.compare(LatencySummary.ofNanos(single.endToEnd()),
                LatencySummary.ofNanos(scaled.endToEnd())));
        comparison.put("receive_to_subscriber", BusHop.compare(LatencySummary.ofNanos(single.daemonToSubscriber()),
                LatencySummary.ofNanos(scaled.daemonToSubscriber())));
        double singlePerTick = number(singleDaemon, "cpu_us_per_tick");
        double clusterPerTick = number(cluster, "all_nodes", "cpu_us_per_tick");
        comparison.put("cpu_us_per_tick_single", singlePerTick);
        comparison.put("cpu_us_per_tick_all_nodes", clusterPerTick);
        comparison.put("cpu_per_tick_all_nodes_over_single", clusterPerTick / singlePerTick);
        double singlePerDelivery = number(singleDaemon, "cpu_us_per_delivery");
        double clusterPerDelivery = number(cluster, "all_nodes", "cpu_us_per_delivery");
        comparison.put("cpu_us_per_delivery_single", singlePerDelivery);
        comparison.put("cpu_us_per_delivery_all_nodes", clusterPerDelivery);
        comparison.put("cpu_per_delivery_all_nodes_over_single", clusterPerDelivery / singlePerDelivery);
        json.put("comparison", comparison);
        Map<String, Histogram> series = new LinkedHashMap<>();
        series.put(SINGLE_SERIES, single.endToEnd());
        series.put(SCALED_SERIES, scaled.endToEnd());
        return new Outcome(json, series);
    }

    /** A figure of a JSON-ready map, NaN when missing (a daemon whose figures could not be read). */
    static double number(Object root, String... path) {
        Object value = root;
        for (String key : path) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** /proc/loadavg's first three fields: how busy the shared machine was around a window. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" +");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
