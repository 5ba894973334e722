package dev.tickerplant.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from Linux's {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}
 * (proc(5)), so the process under test needs no agent and no flags.
 */
public final class ProcFs {

    /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux the JDK supports. */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcFs() {
    }

    /** One reading: user + system CPU time of all threads so far, and memory now. */
    public record Sample(long monotonicNanos, long cpuNanos, long rssBytes, long peakRssBytes) {
    }

    public static Sample sample(long pid) {
        try {
            long now = System.nanoTime();
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            return new Sample(now, cpuNanos(stat), kilobytes(status, "VmRSS") * 1024, kilobytes(status, "VmHWM") * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc for pid " + pid + " (has it exited?)", e);
        }
    }

    /** utime + stime (fields 14 and 15) in nanoseconds; the command name in field 2 may contain spaces. */
    static long cpuNanos(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: '" + stat + "'");
        }
        String[] fields = stat.substring(close + 2).trim().split(" +");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** A {@code Name:   1234 kB} line of /proc/<pid>/status, in kB. */
    static long kilobytes(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String value = line.substring(name.length() + 1).trim();
                return Long.parseLong(value.split(" +")[0]);
            }
        }
        throw new IllegalArgumentException("no " + name + " line in /proc/<pid>/status");
    }

    /** CPU used between two samples as a percentage of one core. */
    public static double cpuPercentOfOneCore(Sample from, Sample to) {
        long wall = to.monotonicNanos() - from.monotonicNanos();
        return wall <= 0 ? 0 : 100.0 * (to.cpuNanos() - from.cpuNanos()) / wall;
    }
}
