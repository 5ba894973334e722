package dev.tickerplant.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The harness's command line.
 *
 * @param document  BENCHMARKS.md to update, or null to leave it alone
 * @param plotsDir  where the PNGs go, or null for the run's own folder
 * @param scenarios which of {@link BenchRun#SCENARIOS} to run
 * @param daemonArgs settings appended to every daemon's command line (a flag given twice keeps its last value)
 */
public record BenchOptions(BenchPlan plan, Path benchJar, Path daemonJar, Path resultsDir, Path document,
                           Path plotsDir, Set<String> scenarios, List<String> daemonArgs) {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: bench [--mode quick|full] [--daemon-jar JAR] [--bench-jar JAR] [--results DIR]",
            "             [--update-doc BENCHMARKS.md] [--plots DIR] [--scenarios a,b,...] [--daemon-arg ARG]...",
            "  --mode          quick: smoke run, about two minutes (default); full: the figures for BENCHMARKS.md",
            "  --daemon-jar    the daemon to measure (default daemon/target/tickerplant.jar)",
            "  --bench-jar     this harness's jar (default: the jar it runs from)",
            "  --results DIR   where <timestamp>.json and the run's logs go (default bench/results)",
            "  --update-doc F  rewrite the generated section of F (between its bench markers)",
            "  --plots DIR     where the PNGs go (default: the run's folder)",
            "  --scenarios L   a subset of " + String.join(",", BenchRun.SCENARIOS),
            "  --daemon-arg A  append A to the daemon's command line; repeat for more, e.g.",
            "                  --daemon-arg --ring-wait-strategy --daemon-arg lite-blocking");

    public BenchOptions {
        scenarios = Set.copyOf(scenarios);
        daemonArgs = List.copyOf(daemonArgs);
    }

    static BenchOptions parse(String[] args, Path ownJar) {
        BenchPlan plan = BenchPlan.quick();
        Path benchJar = ownJar;
        Path daemonJar = Path.of("daemon", "target", "tickerplant.jar");
        Path results = Path.of("bench", "results");
        Path document = null;
        Path plots = null;
        Set<String> scenarios = new LinkedHashSet<>(BenchRun.SCENARIOS);
        List<String> daemonArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new HelpRequested();
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + ": missing value");
            }
            String value = args[++i];
            switch (flag) {
                case "--mode" -> plan = BenchPlan.of(value);
                case "--daemon-jar" -> daemonJar = Path.of(value);
                case "--bench-jar" -> benchJar = Path.of(value);
                case "--results" -> results = Path.of(value);
                case "--update-doc" -> document = Path.of(value);
                case "--plots" -> plots = Path.of(value);
                case "--daemon-arg" -> daemonArgs.add(value);
                case "--scenarios" -> {
                    scenarios = new LinkedHashSet<>(List.of(value.split(",")));
                    for (String s : scenarios) {
                        if (!BenchRun.SCENARIOS.contains(s)) {
                            throw new IllegalArgumentException("--scenarios: unknown scenario '" + s + "' (expected: "
                                    + String.join(", ", BenchRun.SCENARIOS) + ")");
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option: " + flag + " (see --help)");
            }
        }
        if (benchJar == null) {
            throw new IllegalArgumentException("--bench-jar: missing (not running from a jar)");
        }
        return new BenchOptions(plan, benchJar, daemonJar, results, document, plots, scenarios, daemonArgs);
    }

    /** {@code --help} was asked for. */
    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
