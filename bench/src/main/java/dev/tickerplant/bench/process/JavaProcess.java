package dev.tickerplant.bench.process;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One child JVM: started with {@code java <jvm args> -cp <jar> <main> <args>}, its output copied line by line into a
 * log file and kept for {@link #awaitLine}, its input open for commands. {@link #close()} sends SIGTERM, waits, then
 * kills, so no child outlives a run.
 */
public final class JavaProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(8);

    private final String name;
    private final Process process;
    private final Instant started;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> pending = new ArrayList<>();
    private final PrintWriter input;
    private final Path log;

    private JavaProcess(String name, Process process, Instant started, Path log) {
        this.name = name;
        this.process = process;
        this.started = started;
        this.log = log;
        this.input = new PrintWriter(new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
                StandardCharsets.UTF_8)), true);
        Thread pump = new Thread(this::copyOutput, "bench-out-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * @param jvmArgs  options before {@code -cp}, e.g. heap size and logging
     * @param classpath the jar (or jars) to run from
     * @param mainClass the entry point, fully qualified
     * @param log       where stdout and stderr go, merged
     */
    public static JavaProcess start(String name, List<String> jvmArgs, String classpath, String mainClass,
                                    List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Instant started = Instant.now();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // As the systemd unit runs the daemon: two malloc arenas rather than one per thread (every process here).
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            Process process = builder.start();
            return new JavaProcess(name, process, started, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** When {@link #start} launched the process: the origin of cold-start times. */
    public Instant started() {
        return started;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Writes one command line to the process's standard input. */
    public void send(String line) {
        input.println(line);
        if (input.checkError()) {
            throw new IllegalStateException(name + " no longer reads its input (exited: " + !process.isAlive() + ")");
        }
    }

    /**
     * The first output line from now on (or already read but not yet taken) that matches; fails with the log's
     * path when the deadline passes or the process dies first.
     */
    public String awaitLine(Predicate<String> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < pending.size(); i++) {
            if (wanted.test(pending.get(i))) {
                return pending.remove(i);
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(name + ": no " + what + " within " + timeout.toMillis() + " ms; see " + log);
            }
            String line;
            try {
                line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + ": interrupted waiting for " + what, e);
            }
            if (line == null) {
                if (!process.isAlive() && lines.isEmpty()) {
                    throw new IllegalStateException(name + " exited with status " + process.exitValue()
                            + " before " + what + "; see " + log);
                }
                continue;
            }
            if (wanted.test(line)) {
                return line;
            }
            if (pending.size() < 1_000) {
                pending.add(line);
            }
        }
    }

    /** SIGTERM, then SIGKILL after a grace period. */
    @Override
    public void close() {
        stop(process, STOP_GRACE);
    }

    /** Stops any process of the harness: SIGTERM, then SIGKILL when it has not exited within {@code grace}. */
    public static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void copyOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                lines.add(line);
                if (lines.size() > 10_000) {
                    lines.poll(); // nobody is waiting on old output; keep the queue bounded
                }
            }
        } catch (IOException e) {
            // The process went away; whatever it printed is in the log.
        }
    }
}
