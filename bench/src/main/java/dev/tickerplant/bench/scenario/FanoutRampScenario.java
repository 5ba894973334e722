package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.BenchPlan;
import dev.tickerplant.bench.BenchStack;
import dev.tickerplant.bench.RunContext;
import dev.tickerplant.bench.process.JavaProcess;
import dev.tickerplant.bench.process.ProcFs;
import dev.tickerplant.bench.stats.LatencySummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (c) The fanout ramp: 1 000 subscribers to everything, the tick rate stepped up until the subscribers' p99 passes
 * 10 ms or a tick is conflated away (a hole in a client's global {@code seq}, or the server's own dropped count
 * grows); the answer is the highest deliveries per second held before that step. The ramp then goes on, uncounted,
 * while nothing is conflated and the p99 stays under ten times the limit, so the plot shows where the curve goes.
 */
public final class FanoutRampScenario {

    private static final double RAMP_CURVE_P99_LIMIT_FACTOR = 10;

    private FanoutRampScenario() {
    }

    public static Outcome run(RunContext context) {
        BenchPlan plan = context.plan();
        List<Integer> rates = plan.rampRates();
        try (BenchStack stack = BenchStack.start(context, new BenchStack.Spec("fanout-ramp", "advanced-trade",
                rates.get(0), true))) {
            JavaProcess subscribers = stack.startSubscribers("subscribers", BenchPlan.RAMP_SUBSCRIBERS);
            List<Map<String, Object>> steps = new ArrayList<>();
            double held = 0;
            long droppedBefore = 0;
            String stoppedBecause = "all steps held";
            String firstFailure = null;
            Map<String, Object> lastDaemon = Map.of();
            Measure.pause(plan.warmUp());
            for (int rate : rates) {
                stack.tickRate(rate);
                Measure.pause(plan.rampSettle());
                Measure.reset(subscribers);
                Measure.DaemonMark mark = Measure.mark(stack);
                ProcFs.Sample subscribersFrom = ProcFs.sample(subscribers.pid());
                long maxHeap = Measure.runWindow(stack, plan.rampStep());
                ProcFs.Sample subscribersTo = ProcFs.sample(subscribers.pid());
                Subscribers received = Subscribers.of(Measure.report(subscribers, true));
                lastDaemon = Measure.daemonFigures(stack, mark, maxHeap, received.tickers());
                long droppedNow = received.droppedByServer();
                long droppedInStep = droppedNow < 0 ? -1 : droppedNow - droppedBefore;
                droppedBefore = Math.max(droppedBefore, droppedNow);
                LatencySummary latency = LatencySummary.ofNanos(received.endToEnd());
                boolean conflated = received.missedTicks() > 0 || droppedInStep > 0;
                boolean tooSlow = latency.isEmpty() || latency.p99Micros() > BenchPlan.RAMP_P99_LIMIT_MICROS;
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("tick_rate", rate);
                step.put("offered_deliveries_per_s", rate * BenchStack.followedShareOfTicks()
                        * BenchPlan.RAMP_SUBSCRIBERS);
                step.put("deliveries_per_s", received.deliveriesPerSecond());
                step.put("end_to_end", latency.toJson());
                step.put("missed_ticks", received.missedTicks());
                step.put("dropped_by_server", droppedInStep);
                step.put("daemon_cpu_percent_of_one_core", lastDaemon.get("cpu_percent_of_one_core"));
                step.put("subscriber_process_cpu_percent_of_one_core",
                        ProcFs.cpuPercentOfOneCore(subscribersFrom, subscribersTo));
                step.put("held", !conflated && !tooSlow);
                step.put("after_first_failure", firstFailure != null);
                steps.add(step);
                if ((conflated || tooSlow) && firstFailure == null) {
                    firstFailure = "at " + rate + " ticks/s: " + (tooSlow
                            ? "p99 " + Math.round(latency.p99Micros()) + " us > "
                            + Math.round(BenchPlan.RAMP_P99_LIMIT_MICROS) + " us" : "")
                            + (conflated && tooSlow ? " and " : "")
                            + (conflated ? received.missedTicks() + " ticks missed, " + droppedInStep + " dropped" : "");
                    stoppedBecause = firstFailure;
                }
                if (firstFailure == null) {
                    held = Math.max(held, received.deliveriesPerSecond());
                }
                // Past the first failure the ramp goes on (not counted as held) to show the shape of the curve, until
                // the server conflates or the tail is ten times the limit.
                if (conflated || latency.isEmpty()
                        || latency.p99Micros() > RAMP_CURVE_P99_LIMIT_FACTOR * BenchPlan.RAMP_P99_LIMIT_MICROS) {
                    break;
                }
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("upstream_protocol", "advanced-trade");
            json.put("subscribers", BenchPlan.RAMP_SUBSCRIBERS);
            json.put("cold_start_ms", Measure.millis(stack.coldStart()));
            json.put("highest_deliveries_per_s_held", held);
            json.put("stopped", stoppedBecause);
            json.put("steps", steps);
            json.put("daemon_last_step", lastDaemon);
            return Outcome.of(json);
        }
    }

}
