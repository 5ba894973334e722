package dev.tickerplant.sim.cli;

import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli set up the way every tickerplant tool (simulator, bench and its helper processes, chaos) reads its command
 * line: a repeated option keeps its last value (scripts pass their defaults first and the caller's flags after), and a
 * mistake is one line on standard error naming the option and what it expects, then picocli's suggestions for an
 * unknown option (or a pointer to {@code --help}), with exit code 2.
 */
public final class CommandLines {

    private CommandLines() {
    }

    /** A picocli command line for {@code command} (a {@code @Command} object) with the conventions above. */
    public static CommandLine of(Object command) {
        return new CommandLine(command)
                .setOverwrittenOptionsAllowed(true)
                .setParameterExceptionHandler(CommandLines::printUsageError);
    }

    /** Parses {@code args} into {@code command} and runs it; the exit code: 0 after help, 2 after a usage error. */
    public static int execute(Object command, String... args) {
        return of(command).execute(args);
    }

    /**
     * A tool's {@code main}: {@link #execute} and end the process with the exit code, 0 included, so that a thread a
     * library left running cannot keep a finished tool alive. A command that returns from a shutdown hook (the
     * simulator) ends the same way: an exit asked for during shutdown waits for the hooks and the halt they lead to.
     */
    public static void runAndExit(Object command, String... args) {
        System.exit(execute(command, args));
    }

    /**
     * For a converter: the value {@code parse} makes of {@code text}; its {@link IllegalArgumentException} (whose
     * message says what was expected) becomes picocli's "Invalid value for option '--x': ..." line.
     */
    public static <T> T convert(String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static int printUsageError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(cli.getCommandName() + ": " + e.getMessage());
        if (!UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + cli.getCommandName() + " --help'.");
        }
        err.flush();
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** {@code --version}: the version in the manifest of the jar the command runs from. */
    public static final class ManifestVersion implements IVersionProvider {
        @Spec
        CommandSpec spec;

        @Override
        public String[] getVersion() {
            String version = spec.userObject().getClass().getPackage().getImplementationVersion();
            return new String[] {spec.name() + " " + (version == null ? "(no version in the manifest)" : version)};
        }
    }
}
