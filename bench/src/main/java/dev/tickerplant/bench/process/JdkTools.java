package dev.tickerplant.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The JDK's own tools, run against a process from outside: {@code jstat}, {@code jcmd} and {@code jfr}. */
public final class JdkTools {

    private static final long TOOL_TIMEOUT_SECONDS = 60;

    private JdkTools() {
    }

    /** The heap in use now: survivor, eden and old-generation used bytes from {@code jstat -gc}. */
    public static long heapUsedBytes(long pid) {
        Map<String, Double> gc = parseJstat(run(List.of(tool("jstat"), "-gc", Long.toString(pid))));
        double usedKb = gc.getOrDefault("S0U", 0.0) + gc.getOrDefault("S1U", 0.0) + gc.getOrDefault("EU", 0.0)
                + gc.getOrDefault("OU", 0.0);
        return (long) (usedKb * 1024);
    }

    /** The heap in use and the heap committed (what the collector holds from the OS), from {@code jstat -gc}. */
    public record Heap(long usedBytes, long committedBytes) {
    }

    public static Heap heap(long pid) {
        Map<String, Double> gc = parseJstat(run(List.of(tool("jstat"), "-gc", Long.toString(pid))));
        double usedKb = gc.getOrDefault("S0U", 0.0) + gc.getOrDefault("S1U", 0.0) + gc.getOrDefault("EU", 0.0)
                + gc.getOrDefault("OU", 0.0);
        double committedKb = gc.getOrDefault("S0C", 0.0) + gc.getOrDefault("S1C", 0.0) + gc.getOrDefault("EC", 0.0)
                + gc.getOrDefault("OC", 0.0);
        return new Heap((long) (usedKb * 1024), (long) (committedKb * 1024));
    }

    /** A full collection in a running JVM ({@code jcmd GC.run}): what is left in use afterwards is the live heap. */
    public static void fullGc(long pid) {
        run(List.of(tool("jcmd"), Long.toString(pid), "GC.run"));
    }

    /** {@code jstat -gc} output: a header line of column names and one line of values. */
    static Map<String, Double> parseJstat(String output) {
        String[] lines = output.strip().split("\n");
        if (lines.length < 2) {
            throw new IllegalArgumentException("jstat printed " + lines.length + " lines (expected: header and values): "
                    + output.strip());
        }
        String[] names = lines[0].trim().split("\\s+");
        String[] values = lines[1].trim().split("\\s+");
        Map<String, Double> columns = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(names.length, values.length); i++) {
            try {
                columns.put(names[i], Double.parseDouble(values[i]));
            } catch (NumberFormatException e) {
                // "-" for a column the collector does not have
            }
        }
        return columns;
    }

    /** Writes the named flight recording of a running JVM to {@code file}. */
    public static void dumpFlightRecording(long pid, String recording, Path file) {
        run(List.of(tool("jcmd"), Long.toString(pid), "JFR.dump", "name=" + recording, "filename=" + file));
    }

    /** {@code jfr print --json} of some event types, with stacks cut to {@code stackDepth} frames. */
    public static String printEvents(Path recording, List<String> events, int stackDepth) {
        List<String> command = new ArrayList<>(List.of(tool("jfr"), "print", "--json", "--stack-depth",
                Integer.toString(stackDepth), "--events", String.join(",", events), recording.toString()));
        return run(command);
    }

    static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TOOL_TIMEOUT_SECONDS
                        + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                        + text.strip().lines().findFirst().orElse(""));
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.get(0), e);
        }
    }
}
