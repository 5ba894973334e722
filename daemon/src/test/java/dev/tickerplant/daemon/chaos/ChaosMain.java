package dev.tickerplant.daemon.chaos;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/chaos}: the long chaos run from the command line. Prints the figures; exits 0 when the zero-loss
 * claims held (nothing lost to one-leg faults with two legs, nothing lost to planned rotations or on untouched
 * connections with one leg), 1 when one did not, 2 on a bad option.
 */
public final class ChaosMain {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final String USAGE = String.join("\n",
            "usage: scripts/chaos [options]",
            "  --duration DURATION  fault phase of the two-leg run, e.g. 90s, 10m, 1h (default 10m)",
            "  --run WHICH          both, redundant or single-leg (default both)",
            "  --tick-rate N        ticks per second over the whole simulated market (default 300)",
            "  --subscribers N      downstream clients (default 20)",
            "  --slow N             how many of them read slowly (default 2)",
            "  --rotations N        planned rotations in the single-leg run (default 20)",
            "  --drops N            unplanned drops in the single-leg run (default 5)",
            "  --seed N             market and victim choice (default 1)",
            "  --report FILE        also append the figures to FILE (Markdown)",
            "  --log-level LEVEL    the stack's own log: ERROR (default), WARN, INFO, DEBUG");

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        Arguments parsed;
        try {
            parsed = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (parsed == null) {
            System.out.println(USAGE);
            return;
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(parsed.logLevel);
        List<String> lines = new ArrayList<>();
        boolean held = true;
        if (!parsed.run.equals("single-leg")) {
            System.out.println("chaos: two legs, fault phase " + parsed.options.faultPhase().toSeconds() + " s ...");
            ChaosRun.RedundantResult result = ChaosRun.redundant(parsed.options);
            lines.addAll(result.lines(parsed.options));
            held &= result.faultWindowMissing() == 0 && result.fastConflated() == 0
                    && result.subscriberFailures().isEmpty();
        }
        if (!parsed.run.equals("redundant")) {
            System.out.println("chaos: one leg, " + parsed.options.rotations() + " rotations and "
                    + parsed.options.drops() + " drops ...");
            ChaosRun.SingleLegResult result = ChaosRun.singleLeg(parsed.options);
            lines.addAll(result.lines(parsed.options));
            held &= result.rotationMissing() == 0 && result.othersMissingDuringDrops() == 0
                    && result.subscriberFailures().isEmpty();
        }
        lines.add(held ? "zero-loss claims held" : "A ZERO-LOSS CLAIM FAILED");
        lines.forEach(line -> System.out.println("chaos | " + line));
        if (parsed.report != null) {
            appendReport(parsed.report, lines);
        }
        System.exit(held ? 0 : 1);
    }

    private static void appendReport(Path report, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder("\n### chaos run, " + Instant.now() + "\n\n");
        for (String line : lines) {
            text.append("- ").append(line).append('\n');
        }
        Files.writeString(report, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private record Arguments(ChaosOptions options, String run, Path report, Level logLevel) {

        /** Null when help was asked for. */
        static Arguments parse(String[] args) {
            Duration duration = Duration.ofMinutes(10);
            ChaosOptions defaults = ChaosOptions.defaults(duration);
            double tickRate = defaults.tickRate();
            int subscribers = defaults.subscribers();
            int slow = defaults.slowSubscribers();
            int rotations = defaults.rotations();
            int drops = defaults.drops();
            long seed = defaults.seed();
            String run = "both";
            Path report = null;
            Level level = Level.ERROR;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--help") || flag.equals("-h")) {
                    return null;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--duration" -> duration = duration(value);
                    case "--run" -> run = oneOf(flag, value, "both", "redundant", "single-leg");
                    case "--tick-rate" -> tickRate = number(flag, value);
                    case "--subscribers" -> subscribers = (int) number(flag, value);
                    case "--slow" -> slow = (int) number(flag, value);
                    case "--rotations" -> rotations = (int) number(flag, value);
                    case "--drops" -> drops = (int) number(flag, value);
                    case "--seed" -> seed = (long) number(flag, value);
                    case "--report" -> report = Path.of(value);
                    case "--log-level" -> level = Level.toLevel(oneOf(flag, value.toUpperCase(Locale.ROOT), "ERROR",
                            "WARN", "INFO", "DEBUG"));
                    default -> throw new IllegalArgumentException("unknown option " + flag + " (expected one of "
                            + "--duration, --run, --tick-rate, --subscribers, --slow, --rotations, --drops, --seed, "
                            + "--report, --log-level, --help)");
                }
            }
            ChaosOptions options = new ChaosOptions(duration, tickRate, subscribers, slow, defaults.resetEvery(),
                    defaults.stallEvery(), defaults.malformedShare(), rotations, drops, seed);
            return new Arguments(options, run, report, level);
        }

        private static Duration duration(String text) {
            Matcher m = DURATION.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("--duration \"" + text + "\" (expected a number with ms, s, m or h, "
                        + "such as 90s or 10m)");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }

        private static double number(String flag, String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " \"" + text + "\" (expected a number)");
            }
        }

        private static String oneOf(String flag, String value, String... choices) {
            for (String choice : choices) {
                if (choice.equals(value)) {
                    return value;
                }
            }
            throw new IllegalArgumentException(flag + " \"" + value + "\" (expected one of "
                    + String.join(", ", choices) + ")");
        }
    }
}
