package dev.tickerplant.bench;

import dev.tickerplant.bench.json.Json;
import dev.tickerplant.bench.nats.NatsServer;
import dev.tickerplant.bench.report.Machine;
import dev.tickerplant.bench.report.Markdown;
import dev.tickerplant.bench.report.Plots;
import dev.tickerplant.bench.report.Targets;
import dev.tickerplant.bench.scenario.FanoutRampScenario;
import dev.tickerplant.bench.scenario.FaultsScenario;
import dev.tickerplant.bench.scenario.IngestCeilingScenario;
import dev.tickerplant.bench.scenario.LatencyScenario;
import dev.tickerplant.bench.scenario.Outcome;
import dev.tickerplant.bench.scenario.PeerScenario;
import dev.tickerplant.bench.scenario.RealisticScenario;
import dev.tickerplant.bench.scenario.RecoveryScenario;
import dev.tickerplant.bench.scenario.ScaleOutScenario;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * One benchmark run: every selected scenario in turn (each with its own processes), then the results file, the plots
 * and, when asked, the generated part of BENCHMARKS.md. A scenario that fails is recorded with its error and the run
 * goes on; the run then reports failure.
 */
public final class BenchRun {

    /** Scenario keys, in the order they run. */
    public static final List<String> SCENARIOS = List.of("realistic", "realistic_faults", "latency", "peer", "fanout_ramp", "recovery",
            "ingest_ceiling", "scale_out");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final BenchOptions options;
    private final PrintStream log;

    public BenchRun(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** @return true when every selected scenario produced its figures */
    public boolean run() {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String stamp = STAMP.format(started);
        Path runDir = options.resultsDir().resolve(stamp);
        RunContext context = new RunContext(options.plan(), options.benchJar(), options.daemonJar(), runDir,
                options.daemonArgs(), options.daemonJvmArgs());
        Map<String, Object> scenarios = new LinkedHashMap<>();
        Map<String, Histogram> curves = new LinkedHashMap<>();
        List<Long> coldStarts = new ArrayList<>();
        boolean ok = true;
        for (String name : SCENARIOS) {
            if (!options.scenarios().contains(name)) {
                continue;
            }
            long t0 = System.nanoTime();
            log.println("bench: " + name + " ...");
            try {
                Outcome outcome = runScenario(name, context, coldStarts).get();
                scenarios.put(name, outcome.figures());
                curves.putAll(outcome.histograms());
                Object coldStart = outcome.figures().get("cold_start_ms");
                if (coldStart instanceof Number n) {
                    coldStarts.add(n.longValue());
                }
            } catch (RuntimeException e) {
                ok = false;
                scenarios.put(name, Map.of("error", String.valueOf(e.getMessage())));
                log.println("bench: " + name + " FAILED: " + e.getMessage());
            }
            log.printf("bench: %s done in %.0f s%n", name, (System.nanoTime() - t0) / 1e9);
        }
        if (!coldStarts.isEmpty()) {
            scenarios.put("cold_start", coldStartStats(coldStarts));
        }
        List<String> notes = new ArrayList<>();
        Path plotDir = options.plotsDir() != null ? options.plotsDir() : runDir;
        List<Path> plots = Plots.draw(curves, Json.at(scenarios.get("fanout_ramp"), "steps"),
                runDir.resolve("plots"), plotDir, notes);
        List<Targets.Row> targets = Targets.evaluate(scenarios);
        Path resultsFile = options.resultsDir().resolve(stamp + ".json");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", started.toString());
        results.put("mode", options.plan().mode());
        results.put("results_file", relative(resultsFile));
        results.put("machine", Machine.describe());
        results.put("settings", settings(context));
        results.put("targets", Targets.toJson(targets));
        results.put("scenarios", scenarios);
        results.put("plots", plots.stream().map(this::relative).toList());
        results.put("notes", notes);
        write(resultsFile, Json.pretty(results));
        String section = Markdown.render(results, targets, plotLinks(plots));
        write(runDir.resolve("BENCHMARKS-section.md"), section);
        if (options.document() != null) {
            Markdown.updateDocument(options.document(), section);
            log.println("bench: updated " + options.document());
        }
        log.println("bench: results in " + resultsFile + (ok ? "" : " (some scenarios FAILED)"));
        notes.forEach(n -> log.println("bench: note: " + n));
        for (Targets.Row row : targets) {
            log.println("bench: target " + row.target() + " " + row.limit() + ": "
                    + (row.measured() == null ? (row.missedBy() == null ? "not run" : "not measured: " + row.missedBy())
                    : Targets.format(row.measured()) + " " + row.unit()
                    + (Boolean.TRUE.equals(row.met()) ? " met" : " MISSED by " + row.missedBy())));
        }
        return ok;
    }

    private Supplier<Outcome> runScenario(String name, RunContext context, List<Long> coldStarts) {
        return switch (name) {
            case "realistic" -> () -> RealisticScenario.run(context);
            case "realistic_faults" -> () -> FaultsScenario.run(context);
            case "latency" -> () -> LatencyScenario.run(context);
            case "peer" -> () -> PeerScenario.run(context);
            case "fanout_ramp" -> () -> FanoutRampScenario.run(context);
            case "recovery" -> () -> RecoveryScenario.run(context, coldStarts);
            case "ingest_ceiling" -> () -> IngestCeilingScenario.run(context);
            case "scale_out" -> () -> ScaleOutScenario.run(context);
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    }

    private static Map<String, Object> coldStartStats(List<Long> samples) {
        List<Long> sorted = new ArrayList<>(samples);
        sorted.sort(Long::compare);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", sorted.size());
        json.put("p50", sorted.get((sorted.size() - 1) / 2));
        json.put("p99", sorted.get(sorted.size() - 1));
        json.put("max", sorted.get(sorted.size() - 1));
        json.put("samples", samples);
        return json;
    }

    private Map<String, Object> settings(RunContext context) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("daemon_jvm", String.join(" ", context.daemonJvm()) + " + -Xlog:gc + flight recorder (allocation"
                + " counters 1 s, CPU samples 20 ms, allocation samples 150/s) in every scenario but (a), (a) under"
                + " faults and (g)");
        json.put("peer_jvm", String.join(" ", RunContext.PEER_JVM));
        json.put("subscriber_jvm", String.join(" ", RunContext.SUBSCRIBER_JVM) + "; 2 Netty event loops per process");
        json.put("simulator_jvm", String.join(" ", RunContext.SIMULATOR_JVM));
        json.put("processes", "simulator, daemon, subscribers and peer each in their own JVM on loopback; nothing pinned;"
                + " the nats-server comparison runs after the daemon's processes have stopped; (g) runs one daemon,"
                + " then an ingest node and two fanout nodes (each its own JVM, daemon flags, no flight recording)"
                + " around a nats-server with JetStream (temporary store)");
        json.put("nats", "nats-server " + NatsServer.BINARY + " (Debian), core NATS, defaults, ephemeral loopback port;"
                + " publisher JVM " + String.join(" ", RunContext.SIMULATOR_JVM) + " running the simulator's market on"
                + " the same constant schedule; payload written by the daemon's ticker encoder; subjects "
                + "tickerplant.ticker.<PRODUCT>, subscribers on tickerplant.ticker.>");
        json.put("daemon_settings", "defaults, except upstream/REST URLs on the simulator, --max-clients 1100"
                + (context.daemonArgs().isEmpty() ? "" : ", " + String.join(" ", context.daemonArgs())));
        json.put("plan", Map.of("warm_up_s", context.plan().warmUp().toSeconds(),
                "realistic_warm_up_s", context.plan().realisticWarmUp().toSeconds(),
                "realistic_window_s", context.plan().realisticWindow().toSeconds(),
                "faults_window_s", context.plan().faultsWindow().toSeconds(),
                "latency_window_s", context.plan().latencyWindow().toSeconds(),
                "ramp_step_s", context.plan().rampStep().toSeconds(),
                "ramp_rates", context.plan().rampRates(),
                "jmh", String.join(" ", context.plan().jmhArgs())));
        return json;
    }

    private Map<String, String> plotLinks(List<Path> plots) {
        Map<String, String> links = new LinkedHashMap<>();
        for (Path plot : plots) {
            String link = options.document() != null
                    ? options.document().toAbsolutePath().getParent().relativize(plot.toAbsolutePath()).toString()
                    : plot.getFileName().toString();
            links.put(plot.getFileName().toString().replace(".png", "").replace('-', ' '), link);
        }
        return links;
    }

    /** Paths in the results are relative to the working directory, never absolute. */
    private String relative(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : path.getFileName().toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
