package dev.tickerplant.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Garbage-collection pauses from a unified JVM log written with {@code -Xlog:gc:file=...} (default decorations:
 * uptime, level, tags), e.g. {@code [12.345s][info][gc] GC(7) Pause Young (Allocation Failure) 9M->2M(31M) 1.234ms}.
 */
public final class GcLog {

    private static final Pattern PAUSE =
            Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s\\].*\\bGC\\(\\d+\\) (Pause .*?) (\\d+(?:\\.\\d+)?)ms\\s*$");

    private GcLog() {
    }

    /** One pause: when (seconds of JVM uptime), what, and how long. */
    public record Pause(double uptimeSeconds, String kind, double millis) {
    }

    /** Count and total of the pauses that started inside a window of JVM uptime. */
    public record Summary(int count, double totalMillis, double maxMillis) {
    }

    public static List<Pause> pauses(List<String> lines) {
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.matches()) {
                pauses.add(new Pause(Double.parseDouble(m.group(1)), m.group(2), Double.parseDouble(m.group(3))));
            }
        }
        return pauses;
    }

    public static List<Pause> pauses(Path log) {
        try {
            return Files.exists(log) ? pauses(Files.readAllLines(log)) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GC log " + log, e);
        }
    }

    public static Summary within(List<Pause> pauses, double fromUptimeSeconds, double toUptimeSeconds) {
        int count = 0;
        double total = 0;
        double max = 0;
        for (Pause p : pauses) {
            if (p.uptimeSeconds() >= fromUptimeSeconds && p.uptimeSeconds() < toUptimeSeconds) {
                count++;
                total += p.millis();
                max = Math.max(max, p.millis());
            }
        }
        return new Summary(count, total, max);
    }
}
