package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.BenchPlan;
import dev.tickerplant.bench.BenchStack;
import dev.tickerplant.bench.NatsStack;
import dev.tickerplant.bench.RunContext;
import dev.tickerplant.bench.process.JavaProcess;
import dev.tickerplant.bench.process.ProcFs;
import dev.tickerplant.bench.stats.LatencySummary;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * (b) Latency without coordinated omission: 2 000 ticks/s on a constant schedule, each stamped with its intended
 * send time, 100 subscribers to everything; intended time to subscriber read, plus the daemon's own stage histograms.
 * Then the same daemon with the subscribers replaced by as many that offer permessage-deflate, as browsers do (the
 * daemon deflates each tick once and shares it; each subscriber inflates): CPU per delivery and bytes on the wire
 * beside the plain window of the same run. Then the same load through nats-server (same ticks, same payload, same
 * subscriber process), with the daemon's processes stopped first so the two never share the machine.
 */
public final class LatencyScenario {

    public static final String SERIES = "tickerplant, 100 subscribers";
    public static final String NATS_SERIES = "nats-server, 100 subscribers";

    private LatencyScenario() {
    }

    public static Outcome run(RunContext context) {
        BenchPlan plan = context.plan();
        Map<String, Object> json = new LinkedHashMap<>();
        Subscribers received;
        Map<String, Object> daemon;
        try (BenchStack stack = BenchStack.start(context, new BenchStack.Spec("latency", "advanced-trade",
                BenchPlan.LATENCY_RATE, true))) {
            JavaProcess subscribers = stack.startSubscribers("subscribers", BenchPlan.LATENCY_SUBSCRIBERS);
            Measure.pause(plan.warmUp());
            ProcFs.Sample subscribersFrom = Measure.reset(subscribers);
            Measure.DaemonMark mark = Measure.mark(stack);
            long maxHeap = Measure.runWindow(stack, plan.latencyWindow());
            received = Measure.subscribers(subscribers, true, subscribersFrom);
            daemon = Measure.daemonFigures(stack, mark, maxHeap, received.tickers());
            json.put("upstream_protocol", "advanced-trade");
            json.put("schedule", "constant/round-robin, intended timestamps");
            json.put("tick_rate", BenchPlan.LATENCY_RATE);
            json.put("subscribers", BenchPlan.LATENCY_SUBSCRIBERS);
            json.put("cold_start_ms", Measure.millis(stack.coldStart()));
            json.put("subscriber", received.toJson());
            json.put("daemon_stages_since_start", stack.daemonLatencies());
            json.put("daemon", daemon);
            stack.stop(subscribers);
            json.put("deflate", deflateWindow(stack, plan, received, daemon));
        }
        NatsWindow nats;
        try (NatsStack stack = NatsStack.start(context, "latency-nats", BenchPlan.LATENCY_RATE,
                BenchPlan.LATENCY_SUBSCRIBERS)) {
            Measure.pause(plan.warmUp());
            nats = NatsWindow.measure(stack, plan.latencyWindow());
            json.put("nats", nats.toJson());
        }
        Object daemonCpu = daemon.get("cpu_us_per_delivery");
        json.put("ratios_over_nats", nats.ratios(daemonCpu instanceof Number n ? n.doubleValue() : Double.NaN,
                LatencySummary.ofNanos(received.endToEnd())));
        Map<String, Histogram> series = new LinkedHashMap<>();
        series.put(SERIES, received.endToEnd());
        series.put(NATS_SERIES, nats.received().endToEnd());
        return new Outcome(json, series);
    }

    /** The deflating subscribers' window, and its figures over the plain window's. */
    private static Map<String, Object> deflateWindow(BenchStack stack, BenchPlan plan, Subscribers plain,
                                                     Map<String, Object> plainDaemon) {
        JavaProcess subscribers = stack.startSubscribers("subscribers-deflate", BenchPlan.LATENCY_SUBSCRIBERS, true);
        Measure.pause(plan.warmUp());
        ProcFs.Sample subscribersFrom = Measure.reset(subscribers);
        Measure.DaemonMark mark = Measure.mark(stack);
        long maxHeap = Measure.runWindow(stack, plan.latencyWindow());
        Subscribers received = Measure.subscribers(subscribers, true, subscribersFrom);
        Map<String, Object> daemon = Measure.daemonFigures(stack, mark, maxHeap, received.tickers());
        stack.stop(subscribers);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subscriber", received.toJson());
        json.put("daemon", daemon);
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("wire_bytes_per_delivery", ratio(received.toJson().get("wire_bytes_per_delivery"),
                plain.toJson().get("wire_bytes_per_delivery")));
        ratios.put("daemon_cpu_us_per_delivery", ratio(daemon.get("cpu_us_per_delivery"),
                plainDaemon.get("cpu_us_per_delivery")));
        ratios.put("subscriber_cpu_us_per_delivery", received.processCpuMicrosPerDelivery()
                / plain.processCpuMicrosPerDelivery());
        json.put("over_plain", ratios);
        return json;
    }

    private static double ratio(Object numerator, Object denominator) {
        return numerator instanceof Number n && denominator instanceof Number d ? n.doubleValue() / d.doubleValue()
                : Double.NaN;
    }
}
