package dev.tickerplant.daemon.chaos;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.tickerplant.sim.cli.CommandLines;
import dev.tickerplant.sim.cli.OptionsBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code scripts/chaos}: the long chaos run from the command line. Prints the figures; exits 0 when the zero-loss
 * claims held (nothing lost to one-leg faults with two legs, nothing lost to planned rotations or on untouched
 * connections with one leg), 1 when one did not, 2 on a bad option.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, versionProvider = CommandLines.ManifestVersion.class,
        description = "The long chaos run (scripts/chaos): prints the figures and exits 1 if a zero-loss claim failed.")
public final class ChaosMain implements Callable<Integer> {

    private static final ChaosOptions DEFAULTS = ChaosOptions.defaults(Duration.ofMinutes(10));

    @Spec
    private CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Fault phase of the two-leg run, e.g. 90s, 10m, 1h (default 10m).")
    private Duration duration = DEFAULTS.faultPhase();

    @Option(names = "--run", paramLabel = "WHICH", converter = RunConverter.class,
            description = "both, redundant or single-leg (default ${DEFAULT-VALUE}).")
    private String run = "both";

    @Option(names = "--tick-rate", paramLabel = "N",
            description = "Ticks per second over the whole simulated market (default ${DEFAULT-VALUE}).")
    private double tickRate = DEFAULTS.tickRate();

    @Option(names = "--subscribers", paramLabel = "N", description = "Downstream clients (default ${DEFAULT-VALUE}).")
    private int subscribers = DEFAULTS.subscribers();

    @Option(names = "--slow", paramLabel = "N", description = "How many of them read slowly (default ${DEFAULT-VALUE}).")
    private int slow = DEFAULTS.slowSubscribers();

    @Option(names = "--rotations", paramLabel = "N",
            description = "Planned rotations in the single-leg run (default ${DEFAULT-VALUE}).")
    private int rotations = DEFAULTS.rotations();

    @Option(names = "--drops", paramLabel = "N",
            description = "Unplanned drops in the single-leg run (default ${DEFAULT-VALUE}).")
    private int drops = DEFAULTS.drops();

    @Option(names = "--seed", paramLabel = "N", description = "Market and victim choice (default ${DEFAULT-VALUE}).")
    private long seed = DEFAULTS.seed();

    @Option(names = "--report", paramLabel = "FILE", description = "Also append the figures to FILE (Markdown).")
    private Path report;

    @Option(names = "--log-level", paramLabel = "LEVEL", converter = LevelConverter.class,
            description = "The stack's own log: ERROR (default), WARN, INFO, DEBUG.")
    private Level logLevel = Level.ERROR;

    ChaosMain() {
    }

    public static void main(String[] args) {
        CommandLines.runAndExit(new ChaosMain(), args);
    }

    /** The parsed options as the chaos run takes them; a value it rejects is a usage error naming the option. */
    ChaosOptions options() {
        return new OptionsBuilder<>(spec, DEFAULTS)
                .set(unused -> ChaosOptions.defaults(duration), "--duration")
                .set(o -> o.withTickRate(tickRate), "--tick-rate")
                .set(o -> o.withSeed(seed), "--seed")
                .set(o -> o.withSubscribers(subscribers, slow), "--subscribers", "--slow")
                .set(o -> o.withSingleLeg(rotations, drops), "--rotations", "--drops")
                .build();
    }

    @Override
    public Integer call() throws Exception {
        ChaosOptions options = options();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(logLevel);
        List<String> lines = new ArrayList<>();
        boolean held = true;
        if (!run.equals("single-leg")) {
            System.out.println("chaos: two legs, fault phase " + options.faultPhase().toSeconds() + " s ...");
            ChaosRun.RedundantResult result = ChaosRun.redundant(options);
            lines.addAll(result.lines(options));
            held &= result.faultWindowMissing() == 0 && result.fastConflated() == 0
                    && result.subscriberFailures().isEmpty();
        }
        if (!run.equals("redundant")) {
            System.out.println("chaos: one leg, " + options.rotations() + " rotations and "
                    + options.drops() + " drops ...");
            ChaosRun.SingleLegResult result = ChaosRun.singleLeg(options);
            lines.addAll(result.lines(options));
            held &= result.rotationMissing() == 0 && result.othersMissingDuringDrops() == 0
                    && result.subscriberFailures().isEmpty();
        }
        lines.add(held ? "zero-loss claims held" : "A ZERO-LOSS CLAIM FAILED");
        lines.forEach(line -> System.out.println("chaos | " + line));
        if (report != null) {
            appendReport(report, lines);
        }
        return held ? 0 : 1;
    }

    private static void appendReport(Path report, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder("\n### chaos run, " + Instant.now() + "\n\n");
        for (String line : lines) {
            text.append("- ").append(line).append('\n');
        }
        Files.writeString(report, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Durations as 90s, 10m, 1h or 250ms. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

        @Override
        public Duration convert(String text) {
            Matcher m = DURATION.matcher(text);
            if (!m.matches()) {
                throw new TypeConversionException("'" + text + "' (expected: a number with ms, s, m or h, such as 90s"
                        + " or 10m)");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
    }

    static final class RunConverter implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            if (List.of("both", "redundant", "single-leg").contains(text)) {
                return text;
            }
            throw new TypeConversionException("'" + text + "' (expected: both, redundant or single-leg)");
        }
    }

    static final class LevelConverter implements ITypeConverter<Level> {
        private static final List<String> LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG");

        @Override
        public Level convert(String text) {
            String upper = text.toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(upper)) {
                throw new TypeConversionException("'" + text + "' (expected: ERROR, WARN, INFO or DEBUG)");
            }
            return Level.toLevel(upper);
        }
    }
}
