package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.BenchPlan;
import dev.tickerplant.bench.BenchStack;
import dev.tickerplant.bench.RunContext;
import dev.tickerplant.bench.process.JavaProcess;
import dev.tickerplant.bench.process.JdkTools;
import dev.tickerplant.bench.process.ProcFs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * (a) under faults: the daemon's resident memory while things go wrong. (a)'s products and subscribers, on two legs
 * (40 connections) at 300 ticks/s; over the window, every few seconds a fault on one connection (reset, stall,
 * malformed frames, close with 1001, in turn; never while an earlier one has not recovered, so one leg at a time), a
 * stream of hostile commands and connect/disconnect cycles. Reports RSS at the window's start, its peak and end, the
 * heap committed, and after a full collection the live heap and the RSS left.
 */
public final class FaultsScenario {

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);
    private static final int HEAP_SAMPLE_EVERY_N = 5;
    private static final int TIMELINE_EVERY_N = 10;
    private static final List<String> FAULTS = List.of("reset", "stall", "malformed", "close");

    private FaultsScenario() {
    }

    public static Outcome run(RunContext context) {
        BenchPlan plan = context.plan();
        Duration window = plan.faultsWindow();
        double share = (double) window.toSeconds() / BenchPlan.full().faultsWindow().toSeconds();
        int commands = Math.max(10, (int) Math.round(BenchPlan.FAULTS_HOSTILE_COMMANDS * share));
        int cycles = Math.max(5, (int) Math.round(BenchPlan.FAULTS_CONNECT_CYCLES * share));
        try (BenchStack stack = BenchStack.start(context, new BenchStack.Spec("realistic_faults", "advanced-trade",
                BenchPlan.FAULTS_RATE, false, false),
                List.of("--redundancy", Integer.toString(BenchPlan.FAULTS_REDUNDANCY)));
             HostileClients hostile = new HostileClients(stack.daemonWebSocket(), BenchStack.SEED)) {
            JavaProcess subscribers = stack.startSubscribers("subscribers", BenchPlan.REALISTIC_SUBSCRIBERS);
            Measure.pause(plan.warmUp());
            ProcFs.Sample subscribersFrom = Measure.reset(subscribers);
            Measure.DaemonMark mark = Measure.mark(stack);
            long pid = stack.daemon().pid();
            ProcFs.Sample start = ProcFs.sample(pid);

            hostile.start(window, commands, cycles);
            Faults faults = new Faults();
            long rssMax = start.rssBytes();
            long heapUsedMax = 0;
            long heapCommittedMax = 0;
            List<List<Object>> timeline = new ArrayList<>();
            long began = System.nanoTime();
            long end = began + window.toNanos();
            long nextFault = began + BenchPlan.FAULTS_EVERY.toNanos();
            for (int i = 0; System.nanoTime() - end < 0 && stack.daemon().isAlive(); i++) {
                ProcFs.Sample now = ProcFs.sample(pid);
                rssMax = Math.max(rssMax, now.rssBytes());
                if (i % HEAP_SAMPLE_EVERY_N == 0) {
                    JdkTools.Heap heap = JdkTools.heap(pid);
                    heapUsedMax = Math.max(heapUsedMax, heap.usedBytes());
                    heapCommittedMax = Math.max(heapCommittedMax, heap.committedBytes());
                }
                if (i % TIMELINE_EVERY_N == 0) {
                    timeline.add(List.of(TimeUnit.NANOSECONDS.toSeconds(now.monotonicNanos() - began),
                            mb(now.rssBytes())));
                }
                if (System.nanoTime() - nextFault >= 0) {
                    faults.next(stack);
                    nextFault += BenchPlan.FAULTS_EVERY.toNanos();
                }
                LockSupport.parkNanos(SAMPLE_EVERY.toNanos());
            }
            hostile.awaitDone();
            Subscribers received = Measure.subscribers(subscribers, false, subscribersFrom);
            Map<String, Object> daemon = Measure.daemonFigures(stack, mark, heapUsedMax, received.tickers());
            ProcFs.Sample endSample = ProcFs.sample(pid);
            JdkTools.Heap heapEnd = JdkTools.heap(pid);
            JdkTools.fullGc(pid);
            JdkTools.Heap live = JdkTools.heap(pid);
            ProcFs.Sample afterGc = ProcFs.sample(pid);

            Map<String, Object> memory = new LinkedHashMap<>();
            memory.put("rss_start_mb", mb(start.rssBytes()));
            memory.put("rss_peak_window_mb", mb(Math.max(rssMax, endSample.rssBytes())));
            memory.put("rss_end_mb", mb(endSample.rssBytes()));
            memory.put("rss_peak_process_mb", mb(endSample.peakRssBytes()));
            memory.put("heap_committed_max_mb", mb(Math.max(heapCommittedMax, heapEnd.committedBytes())));
            memory.put("heap_committed_end_mb", mb(heapEnd.committedBytes()));
            memory.put("live_heap_after_full_gc_mb", mb(live.usedBytes()));
            memory.put("heap_committed_after_full_gc_mb", mb(live.committedBytes()));
            memory.put("rss_after_full_gc_mb", mb(afterGc.rssBytes()));
            memory.put("rss_timeline_s_mb", timeline);

            Map<String, Object> json = new LinkedHashMap<>();
            json.put("upstream_protocol", "advanced-trade");
            json.put("schedule", "poisson/weighted");
            json.put("tick_rate", BenchPlan.FAULTS_RATE);
            json.put("redundancy", BenchPlan.FAULTS_REDUNDANCY);
            json.put("connections", stack.health().total());
            json.put("subscribers", BenchPlan.REALISTIC_SUBSCRIBERS);
            json.put("warm_up_s", plan.warmUp().toSeconds());
            json.put("window_s", window.toSeconds());
            json.put("memory", memory);
            json.put("faults", faults.toJson());
            json.put("downstream_abuse", hostile.toJson());
            json.put("daemon", daemon);
            json.put("subscriber", received.toJson());
            return Outcome.of(json);
        }
    }

    /**
     * Faults in turn, each on the next connection the simulator lists; one is skipped while the daemon still has a
     * connection down, so no two overlap (and, with two legs, a shard never loses both).
     */
    private static final class Faults {
        private final Map<String, Integer> applied = new LinkedHashMap<>();
        private int turn;
        private int skipped;
        private int failed;

        void next(BenchStack stack) {
            try {
                if (!stack.health().allStreaming()) {
                    skipped++;
                    return;
                }
                List<Long> connections = stack.simulatorConnections();
                if (connections.isEmpty()) {
                    skipped++;
                    return;
                }
                long connection = connections.get((turn * 7) % connections.size());
                String fault = FAULTS.get(turn % FAULTS.size());
                stack.fault(fault, connection, switch (fault) {
                    case "malformed" -> "count=20";
                    case "close" -> "code=1001";
                    default -> "";
                });
                applied.merge(fault, 1, Integer::sum);
                turn++;
            } catch (RuntimeException e) {
                failed++;
            }
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("every_s", BenchPlan.FAULTS_EVERY.toSeconds());
            json.put("applied", applied);
            json.put("skipped_while_recovering", skipped);
            json.put("failed", failed);
            return json;
        }
    }

    private static double mb(long bytes) {
        return bytes / 1048576.0;
    }
}
