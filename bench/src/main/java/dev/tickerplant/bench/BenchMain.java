package dev.tickerplant.bench;

import dev.tickerplant.sim.cli.CommandLines;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of the benchmark harness ({@code scripts/bench} runs it): parses the flags, runs the scenarios, exits 0
 * when every scenario produced its figures (targets are reported, never asserted), 1 when one failed, 2 on bad flags.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = CommandLines.ManifestVersion.class,
        description = "Runs the benchmark scenarios and writes <timestamp>.json (scripts/bench starts it).")
public final class BenchMain implements Callable<Integer> {

    /** The harness's modes; {@link BenchPlan#of} knows what each one measures. */
    enum Mode { quick, full }

    @Spec
    private CommandSpec spec;

    @Option(names = "--mode", paramLabel = "quick|full",
            description = "quick: smoke run, about three minutes (default); full: the figures for BENCHMARKS.md.")
    private Mode mode = Mode.quick;

    @Option(names = "--daemon-jar", paramLabel = "JAR",
            description = "The daemon to measure (default ${DEFAULT-VALUE}).")
    private Path daemonJar = Path.of("daemon", "target", "tickerplant.jar");

    @Option(names = "--bench-jar", paramLabel = "JAR",
            description = "This harness's jar (default: the jar it runs from).")
    private Path benchJar = ownJar();

    @Option(names = "--results", paramLabel = "DIR",
            description = "Where <timestamp>.json and the run's logs go (default ${DEFAULT-VALUE}).")
    private Path results = Path.of("bench", "results");

    @Option(names = "--update-doc", paramLabel = "BENCHMARKS.md",
            description = "Rewrite the generated section of this file (between its bench markers).")
    private Path document;

    @Option(names = "--plots", paramLabel = "DIR", description = "Where the PNGs go (default: the run's folder).")
    private Path plots;

    @Option(names = "--scenarios", paramLabel = "NAME", split = ",", converter = ScenarioConverter.class,
            description = "A subset of realistic,realistic_faults,latency,peer,fanout_ramp,recovery,ingest_ceiling,"
                    + "scale_out"
                    + " (default: all).")
    private List<String> scenarios = new ArrayList<>(BenchRun.SCENARIOS);

    @Option(names = "--daemon-arg", paramLabel = "ARG",
            description = {"Append ARG to the daemon's command line; repeat for more, e.g.",
                    "--daemon-arg --ring-wait-strategy --daemon-arg lite-blocking"})
    private List<String> daemonArgs = new ArrayList<>();

    @Option(names = "--daemon-jvm-arg", paramLabel = "OPTION",
            description = {"Append OPTION to the daemon's shipped JVM options; repeat for more, e.g.",
                    "--daemon-jvm-arg -Xmx96m (measures a candidate; the results file names it)"})
    private List<String> daemonJvmArgs = new ArrayList<>();

    BenchMain() {
    }

    public static void main(String[] args) {
        CommandLines.runAndExit(new BenchMain(), args);
    }

    /** The parsed options as {@link BenchRun} takes them. */
    BenchOptions options() {
        if (benchJar == null) {
            throw new ParameterException(spec.commandLine(), "Missing option '--bench-jar' (not running from a jar)");
        }
        return new BenchOptions(BenchPlan.of(mode.name()), benchJar, daemonJar, results, document, plots,
                new LinkedHashSet<>(scenarios), daemonArgs, daemonJvmArgs);
    }

    @Override
    public Integer call() {
        BenchOptions options = options();
        try {
            return new BenchRun(options, System.out).run() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return spec.exitCodeOnInvalidInput();
        }
    }

    /** The jar this class was loaded from, or null when it runs from a classes folder. */
    private static Path ownJar() {
        try {
            Path location = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }

    static final class ScenarioConverter implements ITypeConverter<String> {
        @Override
        public String convert(String name) {
            return CommandLines.convert(name, s -> {
                if (!BenchRun.SCENARIOS.contains(s)) {
                    throw new IllegalArgumentException("unknown scenario '" + s + "' (expected: "
                            + String.join(", ", BenchRun.SCENARIOS) + ")");
                }
                return s;
            });
        }
    }
}
