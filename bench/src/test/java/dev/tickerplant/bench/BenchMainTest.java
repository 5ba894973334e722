package dev.tickerplant.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.sim.testing.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchMainTest {

    private static BenchOptions parse(String... args) {
        return CliRun.parsed(new BenchMain(), args).options();
    }

    @Test
    void readsWhatScriptsBenchAndTheDocsPass() {
        // scripts/bench passes its own --mode first; a --mode of the caller's comes later and wins.
        BenchOptions options = parse("--mode", "quick", "--daemon-jar", "daemon/t/tickerplant.jar", "--bench-jar",
                "bench/t/tickerplant-bench.jar", "--update-doc", "BENCHMARKS.md", "--plots", "docs/benchmarks",
                "--results", "/tmp/r", "--mode", "full", "--scenarios", "latency,peer");
        assertEquals("full", options.plan().mode());
        assertEquals(Path.of("daemon/t/tickerplant.jar"), options.daemonJar());
        assertEquals(Path.of("bench/t/tickerplant-bench.jar"), options.benchJar());
        assertEquals(Path.of("BENCHMARKS.md"), options.document());
        assertEquals(Path.of("docs/benchmarks"), options.plotsDir());
        assertEquals(Path.of("/tmp/r"), options.resultsDir());
        assertEquals(Set.of("latency", "peer"), options.scenarios());

        BenchOptions defaults = parse("--bench-jar", "b.jar");
        assertEquals("quick", defaults.plan().mode());
        assertEquals(Path.of("daemon", "target", "tickerplant.jar"), defaults.daemonJar());
        assertEquals(Path.of("bench", "results"), defaults.resultsDir());
        assertEquals(null, defaults.document());
        assertEquals(Set.copyOf(BenchRun.SCENARIOS), defaults.scenarios());
    }

    @Test
    void daemonArgsAreAppendedInTheOrderGivenEvenWhenTheyLookLikeFlags() {
        BenchOptions options = parse("--bench-jar", "b.jar", "--daemon-arg", "--ring-wait-strategy", "--scenarios",
                "latency", "--daemon-arg", "lite-blocking");
        assertEquals(List.of("--ring-wait-strategy", "lite-blocking"), options.daemonArgs());
        assertEquals(List.of(), parse("--bench-jar", "b.jar").daemonArgs());
    }

    @Test
    void helpNamesEveryOptionAndExitsZero() {
        CliRun.assertHelpNames(new BenchMain(), "--mode", "--daemon-jar", "--bench-jar", "--results", "--update-doc",
                "--plots", "--scenarios", "--daemon-arg", "--help");
    }

    @Test
    void anUnknownOptionExitsTwoWithPicocliSuggestions() {
        CliRun.assertUsageError(new BenchMain(), "bench: Unknown options: '--scenarois', 'latency'",
                "Possible solutions: --scenarios", "--scenarois", "latency");
        // picocli suggests options that share the first two letters; none of bench's starts with --pr.
        CliRun.assertUsageError(new BenchMain(), "bench: Unknown options: '--prots', '1'", "Try 'bench --help'.",
                "--prots", "1");
    }

    @Test
    void aBadValueIsOneLineNamingTheOption() {
        CliRun mode = CliRun.of(new BenchMain(), "--mode", "slow");
        assertEquals(2, mode.exit());
        assertEquals("bench: Invalid value for option '--mode': expected one of [quick, full] (case-sensitive) but was"
                + " 'slow'", mode.error());
        assertEquals("bench: Invalid value for option '--scenarios' (NAME): unknown scenario 'speed' (expected:"
                + " realistic, realistic_faults, latency, peer, fanout_ramp, recovery, ingest_ceiling, scale_out)",
                CliRun.of(new BenchMain(), "--scenarios", "latency,speed").error());
        assertEquals("bench: Missing option '--bench-jar' (not running from a jar)",
                CliRun.of(new BenchMain(), "--scenarios", "latency").error());
    }
}
