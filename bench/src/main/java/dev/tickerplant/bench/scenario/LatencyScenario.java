package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.BenchPlan;
import dev.tickerplant.bench.BenchStack;
import dev.tickerplant.bench.RunContext;
import dev.tickerplant.bench.process.JavaProcess;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * (b) Latency without coordinated omission: 2 000 ticks/s on a constant schedule, each stamped with its intended
 * send time, 100 subscribers to everything; intended time to subscriber read, plus the daemon's own stage histograms.
 */
public final class LatencyScenario {

    public static final String SERIES = "tickerplant, 100 subscribers";

    private LatencyScenario() {
    }

    public static Outcome run(RunContext context) {
        BenchPlan plan = context.plan();
        try (BenchStack stack = BenchStack.start(context, new BenchStack.Spec("latency", "advanced-trade",
                BenchPlan.LATENCY_RATE, true))) {
            JavaProcess subscribers = stack.startSubscribers("subscribers", BenchPlan.LATENCY_SUBSCRIBERS);
            Measure.pause(plan.warmUp());
            Measure.reset(subscribers);
            Measure.DaemonMark mark = Measure.mark(stack);
            long maxHeap = Measure.runWindow(stack, plan.latencyWindow());
            Subscribers received = Subscribers.of(Measure.report(subscribers, true));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("upstream_protocol", "advanced-trade");
            json.put("schedule", "constant/round-robin, intended timestamps");
            json.put("tick_rate", BenchPlan.LATENCY_RATE);
            json.put("subscribers", BenchPlan.LATENCY_SUBSCRIBERS);
            json.put("cold_start_ms", Measure.millis(stack.coldStart()));
            json.put("subscriber", received.toJson());
            json.put("daemon_stages_since_start", stack.daemonLatencies());
            json.put("daemon", Measure.daemonFigures(stack, mark, maxHeap, received.tickers()));
            return new Outcome(json, Map.of(SERIES, received.endToEnd()));
        }
    }
}
