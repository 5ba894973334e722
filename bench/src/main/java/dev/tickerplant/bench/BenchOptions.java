package dev.tickerplant.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What a benchmark run does, as {@link BenchMain}'s command line said.
 *
 * @param document  BENCHMARKS.md to update, or null to leave it alone
 * @param plotsDir  where the PNGs go, or null for the run's own folder
 * @param scenarios which of {@link BenchRun#SCENARIOS} to run
 * @param daemonArgs settings appended to every daemon's command line (a flag given twice keeps its last value)
 * @param daemonJvmArgs JVM options appended to every daemon's shipped ones (the last of two values wins)
 */
public record BenchOptions(BenchPlan plan, Path benchJar, Path daemonJar, Path resultsDir, Path document,
                           Path plotsDir, Set<String> scenarios, List<String> daemonArgs,
                           List<String> daemonJvmArgs) {

    public BenchOptions {
        scenarios = Set.copyOf(scenarios);
        daemonArgs = List.copyOf(daemonArgs);
        daemonJvmArgs = List.copyOf(daemonJvmArgs);
    }
}
