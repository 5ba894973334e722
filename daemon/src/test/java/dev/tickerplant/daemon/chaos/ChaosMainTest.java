package dev.tickerplant.daemon.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChaosMainTest {

    private record Run(int exit, String out, String err) {
        String error() {
            return err.lines().findFirst().orElse("");
        }

        String hint() {
            return err.lines().skip(1).findFirst().orElse("");
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CommandLines.of(new ChaosMain());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static ChaosOptions parse(String... args) {
        ChaosMain command = new ChaosMain();
        CommandLines.of(command).parseArgs(args);
        return command.options();
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
        Run run = run("--help");
        assertEquals(0, run.exit());
        for (String option : List.of("--duration", "--run", "--tick-rate", "--subscribers", "--slow", "--rotations",
                "--drops", "--seed", "--report", "--log-level", "--help")) {
            assertTrue(run.out().contains(option), option + " missing from:\n" + run.out());
        }
    }

    @Test
    void anUnknownOptionExitsTwoWithPicocliSuggestions() {
        Run typo = run("--duraton", "10m");
        assertEquals(2, typo.exit());
        assertEquals("chaos: Unknown options: '--duraton', '10m'", typo.error());
        assertEquals("Possible solutions: --duration", typo.hint());
        // picocli suggests options that share the first two letters; none of chaos's starts with --pr.
        Run prots = run("--prots", "1");
        assertEquals(2, prots.exit());
        assertEquals("Try 'chaos --help'.", prots.hint());
    }

    @Test
    void aBadValueIsOneLineNamingTheOption() {
        Run duration = run("--duration", "10");
        assertEquals(2, duration.exit());
        assertEquals("chaos: Invalid value for option '--duration': '10' (expected: a number with ms, s, m or h, such"
                + " as 90s or 10m)", duration.error());
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
