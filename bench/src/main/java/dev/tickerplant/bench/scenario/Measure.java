package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.BenchStack;
import dev.tickerplant.bench.RunContext;
import dev.tickerplant.bench.json.Json;
import dev.tickerplant.bench.process.FlightRecording;
import dev.tickerplant.bench.process.GcLog;
import dev.tickerplant.bench.process.JavaProcess;
import dev.tickerplant.bench.process.JdkTools;
import dev.tickerplant.bench.process.ProcFs;
import dev.tickerplant.bench.stats.HistogramCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/** The steps every scenario shares: open a window, let it run, read every figure at its end. */
final class Measure {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration HEAP_SAMPLE_EVERY = Duration.ofSeconds(5);

    private Measure() {
    }

    /** Where a daemon window started. */
    record DaemonMark(Instant at, ProcFs.Sample process, long ringAccepted, long emitted) {
    }

    static DaemonMark mark(BenchStack stack) {
        return new DaemonMark(Instant.now(), ProcFs.sample(stack.daemon().pid()), stack.health().ringAccepted(),
                stack.ticksEmitted());
    }

    /**
     * Starts a window in a client process (subscriber or peer): everything it recorded so far is dropped. Returns the
     * process's CPU time at that moment, the start of its own CPU figures.
     */
    static ProcFs.Sample reset(JavaProcess client) {
        client.send("reset");
        client.awaitLine(l -> l.equals("RESET"), REPLY_TIMEOUT, "RESET");
        return ProcFs.sample(client.pid());
    }

    /**
     * Ends a subscriber process's window opened by {@link #reset}: what its clients received, and what reading it all
     * cost the process itself (its CPU is read before it is asked for the report, which costs CPU of its own).
     */
    static Subscribers subscribers(JavaProcess client, boolean withServerStats, ProcFs.Sample from) {
        ProcFs.Sample to = ProcFs.sample(client.pid());
        return Subscribers.of(report(client, withServerStats), from, to);
    }

    /** Ends a client's window: its REPORT line as a map. */
    static Map<String, Object> report(JavaProcess client, boolean withServerStats) {
        client.send(withServerStats ? "report stats" : "report");
        String line = client.awaitLine(l -> l.startsWith("REPORT "), REPORT_TIMEOUT, "REPORT");
        return Json.object(line.substring("REPORT ".length()));
    }

    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(60);

    static Histogram histogram(Map<String, Object> report, String key) {
        return HistogramCodec.decode((String) report.get(key));
    }

    /** Lets the load run for {@code window}, reading the daemon's heap every few seconds; returns the largest. */
    static long runWindow(BenchStack stack, Duration window) {
        long end = System.nanoTime() + window.toNanos();
        long maxHeap = 0;
        while (System.nanoTime() - end < 0) {
            maxHeap = Math.max(maxHeap, heapUsed(stack));
            long next = Math.min(end - System.nanoTime(), HEAP_SAMPLE_EVERY.toNanos());
            if (next > 0) {
                LockSupport.parkNanos(next);
            }
        }
        return Math.max(maxHeap, heapUsed(stack));
    }

    /** 0 once the daemon is gone: the window still ends and its other figures say why. */
    private static long heapUsed(BenchStack stack) {
        try {
            return stack.daemon().isAlive() ? JdkTools.heapUsedBytes(stack.daemon().pid()) : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Sleeps without measuring (warm-up, settling). */
    static void pause(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - end < 0) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
    }

    /**
     * The daemon's figures over a window: CPU, memory, GC, ticks, and what its flight recording says about
     * allocation and hot code.
     *
     * @param deliveries downstream messages the subscribers received in the window (for bytes per delivery)
     */
    static Map<String, Object> daemonFigures(BenchStack stack, DaemonMark from, long maxHeapBytes, long deliveries) {
        try {
            return figures(stack, from, maxHeapBytes, deliveries);
        } catch (RuntimeException e) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("error", "daemon figures unavailable (" + e.getMessage() + "): " + stack.daemonFailure());
            return json;
        }
    }

    private static Map<String, Object> figures(BenchStack stack, DaemonMark from, long maxHeapBytes, long deliveries) {
        Instant to = Instant.now();
        ProcFs.Sample end = ProcFs.sample(stack.daemon().pid());
        long accepted = stack.health().ringAccepted() - from.ringAccepted();
        long emitted = stack.ticksEmitted() - from.emitted();
        double seconds = (end.monotonicNanos() - from.process().monotonicNanos()) / 1e9;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("window_s", seconds);
        json.put("simulator_ticks", emitted);
        json.put("ticks_accepted", accepted);
        json.put("ticks_per_s", accepted / seconds);
        double cpuPercent = ProcFs.cpuPercentOfOneCore(from.process(), end);
        json.put("cpu_percent_of_one_core", cpuPercent);
        long cpuNanos = end.cpuNanos() - from.process().cpuNanos();
        json.put("cpu_us_per_tick", accepted == 0 ? Double.NaN : cpuNanos / 1e3 / accepted);
        json.put("deliveries", deliveries);
        json.put("cpu_us_per_delivery", cpuPerDelivery(cpuNanos, deliveries));
        json.put("rss_mb", end.rssBytes() / 1048576.0);
        json.put("peak_rss_mb", end.peakRssBytes() / 1048576.0);
        json.put("heap_used_max_mb", maxHeapBytes / 1048576.0);
        json.put("heap_used_end_mb", JdkTools.heapUsedBytes(stack.daemon().pid()) / 1048576.0);
        List<GcLog.Pause> pauses = GcLog.pauses(stack.dir().resolve("daemon-gc.log"));
        GcLog.Summary gc = GcLog.within(pauses, uptime(stack, from.at()), uptime(stack, to));
        json.put("gc_count", gc.count());
        json.put("gc_pause_total_ms", gc.totalMillis());
        json.put("gc_pause_max_ms", gc.maxMillis());
        if (stack.flightRecording()) {
            json.putAll(profile(stack, from.at(), to, accepted, deliveries));
        } else {
            json.put("profile", "none: measured without a flight recording, whose own CPU and memory would count");
        }
        return json;
    }

    /** Seconds of JVM uptime at an instant, counted from the process launch (the JVM starts a few ms later). */
    private static double uptime(BenchStack stack, Instant at) {
        return Duration.between(stack.daemon().started(), at).toNanos() / 1e9;
    }

    /** Allocation per tick and the top of the CPU and allocation profiles, from a dump of the daemon's recording. */
    private static Map<String, Object> profile(BenchStack stack, Instant from, Instant to, long ticks,
                                               long deliveries) {
        Map<String, Object> json = new LinkedHashMap<>();
        Path file = stack.dir().resolve("daemon.jfr");
        try {
            JdkTools.dumpFlightRecording(stack.daemon().pid(), RunContext.JFR_NAME, file);
            FlightRecording recording = FlightRecording.parse(JdkTools.printEvents(file, List.of(
                    FlightRecording.THREAD_ALLOCATION, FlightRecording.EXECUTION_SAMPLE,
                    FlightRecording.ALLOCATION_SAMPLE), 3));
            Map<String, Long> perGroup = recording.allocatedPerThreadGroup(from, to);
            long hotPath = 0;
            Map<String, Object> perTick = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : perGroup.entrySet()) {
                perTick.put(e.getKey(), ticks == 0 ? Double.NaN : (double) e.getValue() / ticks);
                if (isHotPath(e.getKey())) {
                    hotPath += e.getValue();
                }
            }
            long total = perGroup.values().stream().mapToLong(Long::longValue).sum();
            json.put("alloc_bytes_per_tick_hot_path", ticks == 0 ? Double.NaN : (double) hotPath / ticks);
            json.put("alloc_bytes_per_tick_process", ticks == 0 ? Double.NaN : (double) total / ticks);
            json.put("alloc_bytes_per_delivery_hot_path", deliveries == 0 ? Double.NaN : (double) hotPath / deliveries);
            json.put("alloc_bytes_per_tick_by_thread", perTick);
            json.put("cpu_profile_top", FlightRecording.toJson(recording.hotMethods(from, to, 12)));
            json.put("alloc_profile_top", FlightRecording.toJson(recording.allocationSites(from, to, 8)));
        } catch (RuntimeException e) {
            json.put("profile_error", e.getMessage());
        }
        return json;
    }

    /** The threads a tick passes through: upstream event loops, the ring consumer, the fanout event loops. */
    static boolean isHotPath(String threadGroup) {
        return threadGroup.startsWith("upstream") || threadGroup.startsWith("tick-consumer")
                || threadGroup.equals("fanout");
    }

    /** CPU of a client process over a window, per tick it received. */
    static Map<String, Object> clientCpu(ProcFs.Sample from, ProcFs.Sample to, long ticks) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cpu_percent_of_one_core", ProcFs.cpuPercentOfOneCore(from, to));
        json.put("cpu_us_per_tick", ticks == 0 ? Double.NaN : (to.cpuNanos() - from.cpuNanos()) / 1e3 / ticks);
        json.put("rss_mb", to.rssBytes() / 1048576.0);
        return json;
    }

    /** Microseconds of CPU per message a subscriber received: the headline cost of a fanout server. */
    static double cpuPerDelivery(long cpuNanos, long deliveries) {
        return deliveries <= 0 ? Double.NaN : cpuNanos / 1e3 / deliveries;
    }

    static long millis(Duration d) {
        return TimeUnit.NANOSECONDS.toMillis(d.toNanos());
    }
}
