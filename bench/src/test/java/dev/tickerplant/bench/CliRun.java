package dev.tickerplant.bench;

import dev.tickerplant.sim.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** What a tool's command line printed for arguments that stop before it runs: exit code, output, errors. */
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

    /** The first line of standard error. */
    public String error() {
        return err.lines().findFirst().orElse("");
    }

    /** The second line of standard error: picocli's suggestions, or the pointer to --help. */
    public String hint() {
        return err.lines().skip(1).findFirst().orElse("");
    }
}
