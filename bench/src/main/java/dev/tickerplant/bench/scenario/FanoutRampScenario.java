package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.BenchPlan;
import dev.tickerplant.bench.BenchStack;
import dev.tickerplant.bench.NatsStack;
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
        Map<String, Object> json = new LinkedHashMap<>();
        List<Map<String, Object>> steps = new ArrayList<>();
        try (BenchStack stack = BenchStack.start(context, new BenchStack.Spec("fanout-ramp", "advanced-trade",
                rates.get(0), true))) {
            JavaProcess subscribers = stack.startSubscribers("subscribers", BenchPlan.RAMP_SUBSCRIBERS);
            double held = 0;
            long droppedBefore = 0;
            String stoppedBecause = "all steps held";
            String firstFailure = null;
            Map<String, Object> lastDaemon = Map.of();
            Measure.pause(plan.warmUp());
            for (int rate : rates) {
                stack.tickRate(rate);
                Measure.pause(plan.rampSettle());
                ProcFs.Sample subscribersFrom = Measure.reset(subscribers);
                Measure.DaemonMark mark = Measure.mark(stack);
                long maxHeap = Measure.runWindow(stack, plan.rampStep());
                Subscribers received = Measure.subscribers(subscribers, true, subscribersFrom);
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
                step.put("daemon_cpu_us_per_delivery", lastDaemon.get("cpu_us_per_delivery"));
                step.put("daemon_cpu_percent_of_one_core", lastDaemon.get("cpu_percent_of_one_core"));
                step.put("subscriber_process_cpu_percent_of_one_core", received.processCpuPercentOfOneCore());
                step.put("subscriber_process_cpu_us_per_delivery", received.processCpuMicrosPerDelivery());
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
            json.put("upstream_protocol", "advanced-trade");
            json.put("subscribers", BenchPlan.RAMP_SUBSCRIBERS);
            json.put("cold_start_ms", Measure.millis(stack.coldStart()));
            json.put("highest_deliveries_per_s_held", held);
            json.put("stopped", stoppedBecause);
            json.put("steps", steps);
            json.put("daemon_last_step", lastDaemon);
        }
        json.put("nats_steps", natsRamp(context, steps));
        return Outcome.of(json);
    }

    /**
     * The same steps through nats-server, after the daemon's processes are gone: the rates the daemon was measured at,
     * each step's figures paired with the daemon's step of the same rate (ratios added to it). Stops early, as the
     * daemon's ramp does, once nats-server drops or disconnects a subscriber.
     */
    private static List<Map<String, Object>> natsRamp(RunContext context, List<Map<String, Object>> steps) {
        BenchPlan plan = context.plan();
        List<Map<String, Object>> natsSteps = new ArrayList<>();
        if (steps.isEmpty()) {
            return natsSteps;
        }
        try (NatsStack stack = NatsStack.start(context, "fanout-ramp-nats",
                ((Number) steps.get(0).get("tick_rate")).doubleValue(), BenchPlan.RAMP_SUBSCRIBERS)) {
            Measure.pause(plan.warmUp());
            long closedBefore = 0;
            for (Map<String, Object> step : steps) {
                int rate = ((Number) step.get("tick_rate")).intValue();
                stack.tickRate(rate);
                Measure.pause(plan.rampSettle());
                NatsWindow window = NatsWindow.measure(stack, plan.rampStep());
                Subscribers received = window.received();
                LatencySummary latency = window.endToEnd();
                long closedInStep = received.closed() - closedBefore;
                closedBefore = received.closed();
                Map<String, Object> natsStep = new LinkedHashMap<>();
                natsStep.put("tick_rate", rate);
                natsStep.put("deliveries_per_s", received.deliveriesPerSecond());
                natsStep.put("end_to_end", latency.toJson());
                natsStep.put("missed_ticks", received.missedTicks());
                natsStep.put("subscribers_disconnected", closedInStep);
                natsStep.putAll(window.toJson());
                natsSteps.add(natsStep);
                Object daemonCpu = step.get("daemon_cpu_us_per_delivery");
                Map<String, Object> ratios = window.ratios(daemonCpu instanceof Number n ? n.doubleValue()
                        : Double.NaN, LatencySummary.fromJson(step.get("end_to_end")));
                step.put("nats_cpu_us_per_delivery", window.cpuMicrosPerDelivery());
                step.put("nats_end_to_end", latency.toJson());
                step.put("nats_missed_ticks", received.missedTicks());
                step.put("ratios_over_nats", ratios);
                if (received.missedTicks() > 0 || closedInStep > 0 || latency.isEmpty()) {
                    break;
                }
            }
        }
        return natsSteps;
    }

}
