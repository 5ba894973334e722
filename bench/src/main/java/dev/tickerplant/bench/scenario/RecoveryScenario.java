package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.BenchPlan;
import dev.tickerplant.bench.BenchStack;
import dev.tickerplant.bench.DaemonHealth;
import dev.tickerplant.bench.RunContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * (e) Recovery: the simulator resets one upstream connection (TCP RST) and the harness times, from the reset to the
 * daemon's {@code /health}, until that connection streams again (subscribed and acked); then the same for all 20 at
 * once. Each single reset hits a connection not reset before, and each whole-feed reset a freshly started daemon, so
 * every sample starts from the initial backoff. Cold starts of every daemon this scenario starts are sampled too.
 */
public final class RecoveryScenario {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BETWEEN_SAMPLES = Duration.ofMillis(500);

    private RecoveryScenario() {
    }

    public static Outcome run(RunContext context, List<Long> coldStartsMillis) {
        BenchPlan plan = context.plan();
        List<Long> one = new ArrayList<>();
        List<Long> allLast = new ArrayList<>();
        List<Long> allEach = new ArrayList<>();
        try (BenchStack stack = start(context, "recovery-one", coldStartsMillis)) {
            Set<Long> resetBefore = new HashSet<>();
            for (int i = 0; i < plan.resetOneSamples(); i++) {
                long target = stack.simulatorConnections().stream().filter(id -> !resetBefore.contains(id))
                        .min(Long::compare).orElseThrow(() -> new IllegalStateException(
                                "the simulator lists no connection that was not reset before"));
                resetBefore.add(target);
                one.addAll(timeRecovery(stack, target));
                Measure.pause(BETWEEN_SAMPLES);
            }
            if (!plan.resetAllOnFreshDaemon()) {
                for (int round = 0; round < plan.resetAllSamples(); round++) {
                    List<Long> each = timeRecovery(stack, null);
                    allEach.addAll(each);
                    allLast.add(each.stream().mapToLong(Long::longValue).max().orElse(0));
                }
            }
        }
        for (int round = 0; plan.resetAllOnFreshDaemon() && round < plan.resetAllSamples(); round++) {
            try (BenchStack stack = start(context, "recovery-all-" + round, coldStartsMillis)) {
                List<Long> each = timeRecovery(stack, null);
                allEach.addAll(each);
                allLast.add(each.stream().mapToLong(Long::longValue).max().orElse(0));
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reset_one_ms", stats(one));
        json.put("reset_all_each_connection_ms", stats(allEach));
        json.put("reset_all_until_all_streaming_ms", stats(allLast));
        json.put("samples_reset_one", one);
        json.put("samples_reset_all_last", allLast);
        return Outcome.of(json);
    }

    private static BenchStack start(RunContext context, String name, List<Long> coldStartsMillis) {
        BenchStack stack = BenchStack.start(context, new BenchStack.Spec(name, "advanced-trade",
                BenchPlan.REALISTIC_RATE, false));
        coldStartsMillis.add(Measure.millis(stack.coldStart()));
        Measure.pause(Duration.ofSeconds(2));
        return stack;
    }

    /**
     * Resets one simulator connection (or all, for null) and returns, per daemon connection that reconnected, the
     * milliseconds until /health showed it streaming again. A connection counts as back only in a poll after the one
     * that first showed its reconnect counter moved, so the old link's "streaming" can never be mistaken for the new.
     */
    private static List<Long> timeRecovery(BenchStack stack, Long simulatorConnection) {
        DaemonHealth before = stack.health();
        Map<String, Long> reconnectsBefore = new HashMap<>();
        before.connections().forEach(c -> reconnectsBefore.put(c.name(), c.reconnects()));
        int expected = simulatorConnection == null ? before.total() : 1;
        long start = System.nanoTime();
        stack.reset(simulatorConnection);
        Map<String, Long> movedAt = new HashMap<>();
        Map<String, Long> backAfter = new LinkedHashMap<>();
        long deadline = start + RECOVERY_TIMEOUT.toNanos();
        while (backAfter.size() < expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("only " + backAfter.size() + " of " + expected
                        + " reset connections streamed again within " + RECOVERY_TIMEOUT.toSeconds() + " s; see "
                        + stack.daemon().log());
            }
            LockSupport.parkNanos(POLL_NANOS);
            DaemonHealth now = stack.health();
            long at = System.nanoTime();
            for (DaemonHealth.Connection c : now.connections()) {
                if (backAfter.containsKey(c.name())) {
                    continue;
                }
                if (movedAt.containsKey(c.name())) {
                    if (c.streaming()) {
                        backAfter.put(c.name(), TimeUnit.NANOSECONDS.toMillis(at - start));
                    }
                } else if (c.reconnects() > reconnectsBefore.getOrDefault(c.name(), 0L)) {
                    movedAt.put(c.name(), at);
                }
            }
        }
        return new ArrayList<>(backAfter.values());
    }

    static Map<String, Object> stats(List<Long> samples) {
        Map<String, Object> json = new LinkedHashMap<>();
        List<Long> sorted = new ArrayList<>(samples);
        sorted.sort(Long::compare);
        json.put("count", sorted.size());
        json.put("p50", percentile(sorted, 50));
        json.put("p99", percentile(sorted, 99));
        json.put("max", sorted.isEmpty() ? null : sorted.get(sorted.size() - 1));
        return json;
    }

    /** Nearest-rank percentile; with fewer than 100 samples p99 is the maximum. */
    static Long percentile(List<Long> sorted, double percentile) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percentile / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
