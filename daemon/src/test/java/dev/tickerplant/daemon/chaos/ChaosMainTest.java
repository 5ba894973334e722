package dev.tickerplant.daemon.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.sim.testing.CliRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChaosMainTest {

    private static CliRun run(String... args) {
        return CliRun.of(new ChaosMain(), args);
    }

    private static ChaosOptions parse(String... args) {
        return CliRun.parsed(new ChaosMain(), args).options();
    }

    @Test
    void readsTheDocumentedOptions() {
        ChaosOptions options = parse("--duration", "90s", "--tick-rate", "100", "--subscribers", "50", "--slow", "5",
                "--seed", "7", "--rotations", "3", "--drops", "1");
        assertEquals(Duration.ofSeconds(90), options.faultPhase());
        assertEquals(100, options.tickRate());
        assertEquals(50, options.subscribers());
        assertEquals(5, options.slowSubscribers());
        assertEquals(7, options.seed());
        assertEquals(3, options.rotations());
        assertEquals(1, options.drops());
        assertEquals(ChaosOptions.defaults(Duration.ofMinutes(10)), parse());
        assertEquals(Duration.ofMillis(250), parse("--duration", "250ms").faultPhase());
        assertEquals(Duration.ofHours(1), parse("--duration", "1h").faultPhase());
    }

    @Test
    void helpNamesEveryOptionAndExitsZero() {
        CliRun.assertHelpNames(new ChaosMain(), "--duration", "--run", "--tick-rate", "--subscribers", "--slow",
                "--rotations", "--drops", "--seed", "--report", "--log-level", "--help");
    }

    @Test
    void anUnknownOptionExitsTwoWithPicocliSuggestions() {
        CliRun.assertUsageError(new ChaosMain(), "chaos: Unknown options: '--duraton', '10m'",
                "Possible solutions: --duration", "--duraton", "10m");
        // picocli suggests options that share the first two letters; none of chaos's starts with --pr.
        CliRun.assertUsageError(new ChaosMain(), "chaos: Unknown options: '--prots', '1'", "Try 'chaos --help'.",
                "--prots", "1");
    }

    @Test
    void aBadValueIsOneLineNamingTheOption() {
        CliRun.assertUsageError(new ChaosMain(), "chaos: Invalid value for option '--duration': '10' (expected: a"
                + " number with ms, s, m or h, such as 90s or 10m)", "Try 'chaos --help'.", "--duration", "10");
        assertEquals("chaos: Invalid value for option '--run': 'all' (expected: both, redundant or single-leg)",
                run("--run", "all").error());
        assertEquals("chaos: Invalid value for option '--log-level': 'trace' (expected: ERROR, WARN, INFO or DEBUG)",
                run("--log-level", "trace").error());
        assertEquals("chaos: Invalid value for options '--subscribers', '--slow': slowSubscribers: 5 (expected: >= 0"
                + " and < subscribers (5), so that some read at full speed)", run("--subscribers", "5", "--slow", "5")
                .error());
        assertEquals("chaos: Invalid value for option '--duration': faultPhase: PT0S (expected: > 0)",
                run("--duration", "0s").error());
    }
}
