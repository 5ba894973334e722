package dev.tickerplant.sim.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * What a tool's command line printed for arguments that stop before it runs: exit code, output, errors. Every tool
 * reads its command line through {@link CommandLines}, so every tool's test checks the same conventions with it.
 */
public record CliRun(int exit, String out, String err) {

    public static CliRun of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CommandLines.of(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** {@code command} with {@code args} parsed into its fields, not run: for reading the options it builds. */
    public static <T> T parsed(T command, String... args) {
        CommandLines.of(command).parseArgs(args);
        return command;
    }

    /** {@code --help} exits 0, writes nothing to standard error, and its text names every one of {@code options}. */
    public static void assertHelpNames(Object command, String... options) {
        CliRun run = of(command, "--help");
        assertEquals(0, run.exit());
        assertEquals("", run.err());
        for (String option : options) {
            assertTrue(run.out().contains(option), option + " missing from:\n" + run.out());
        }
    }

    /** {@code args} end in a usage error: exit code 2, no output, and on standard error these two lines only. */
    public static void assertUsageError(Object command, String error, String hint, String... args) {
        CliRun run = of(command, args);
        assertEquals(2, run.exit(), run.err());
        assertEquals(List.of(error, hint), run.err().lines().toList());
        assertEquals("", run.out());
    }

    /** The first line of standard error. */
    public String error() {
        return err.lines().findFirst().orElse("");
    }

    /** The second line of standard error: picocli's suggestions, or the pointer to --help. */
    public String hint() {
        return err.lines().skip(1).findFirst().orElse("");
    }
}
