package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.BenchPlan;
import dev.tickerplant.bench.BenchStack;
import dev.tickerplant.bench.RunContext;
import dev.tickerplant.bench.process.JavaProcess;
import dev.tickerplant.bench.process.ProcFs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * (a) What the daemon costs on a normal day: 300 products on 20 connections, 40 Poisson ticks/s (the live market's
 * shape), 10 subscribers to everything; CPU, RSS, heap, GC and allocation over the window, and end-to-end latency
 * next to the daemon's own stage histograms.
 */
public final class RealisticScenario {

    private RealisticScenario() {
    }

    public static Outcome run(RunContext context) {
        BenchPlan plan = context.plan();
        // No flight recording here: (a) is what the daemon costs in production, where nothing profiles it.
        try (BenchStack stack = BenchStack.start(context, new BenchStack.Spec("realistic", "advanced-trade",
                BenchPlan.REALISTIC_RATE, false, false))) {
            JavaProcess subscribers = stack.startSubscribers("subscribers", BenchPlan.REALISTIC_SUBSCRIBERS);
            Measure.pause(plan.realisticWarmUp());
            ProcFs.Sample subscribersFrom = Measure.reset(subscribers);
            Measure.DaemonMark mark = Measure.mark(stack);
            long maxHeap = Measure.runWindow(stack, plan.realisticWindow());
            Subscribers received = Measure.subscribers(subscribers, true, subscribersFrom);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("upstream_protocol", "advanced-trade");
            json.put("schedule", "poisson/weighted");
            json.put("tick_rate", BenchPlan.REALISTIC_RATE);
            json.put("connections", stack.health().total());
            json.put("subscribers", BenchPlan.REALISTIC_SUBSCRIBERS);
            json.put("cold_start_ms", Measure.millis(stack.coldStart()));
            json.put("warm_up_s", plan.realisticWarmUp().toSeconds());
            json.put("daemon", Measure.daemonFigures(stack, mark, maxHeap, received.tickers()));
            json.put("subscriber", received.toJson());
            json.put("daemon_stages_since_start", stack.daemonLatencies());
            return Outcome.of(json);
        }
    }
}
