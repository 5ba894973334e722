package dev.tickerplant.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as an operator runs it: its own JVM, {@code --simulate}, then SIGTERM. Checks the seed system's health
 * line and a clean, bounded shutdown.
 */
class SimulatedRunTest {
    private static final String FULL_HEALTH = "Connection health: 20/20 connected, 300/300 products receiving data";

    @TempDir
    Path dir;

    @Test
    void simulatedRunReachesFullCoverageAndStopsCleanlyOnSigterm() throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.tickerplant.daemon.Main", "--simulate", "--catalog-cache-file",
                dir.resolve("cache.json").toString())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> pump(process, lines, queue), "daemon-output");
        reader.setDaemon(true);
        reader.start();
        try {
            long started = System.nanoTime();
            String line = awaitLine(queue, FULL_HEALTH, Duration.ofSeconds(30));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(line != null, "no '" + FULL_HEALTH + "' line in 30 s; output:\n" + String.join("\n", lines));
            System.out.println("full coverage logged " + tookMillis + " ms after launch");

            long sigterm = System.nanoTime();
            // Process.destroy() would also close our end of the pipe; kill(1) sends SIGTERM and leaves it readable.
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
            boolean exited = process.waitFor(10, TimeUnit.SECONDS);
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
            assertTrue(exited, "still running 10 s after SIGTERM");
            assertTrue(stopMillis < 5_000, "took " + stopMillis + " ms to exit after SIGTERM");
            reader.join(2000);
            assertTrue(lines.stream().anyMatch(l -> l.contains("shutting down: closing 20 upstream connections")),
                    String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.contains("Daemon - stopped in")), String.join("\n", lines));
        } finally {
            process.destroyForcibly();
        }
    }

    private static void pump(Process process, List<String> lines, BlockingQueue<String> queue) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                queue.add(line);
            }
        } catch (IOException e) {
            lines.add("reader stopped: " + e);
        }
    }

    private static String awaitLine(BlockingQueue<String> queue, String wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            String line = queue.poll(left, TimeUnit.NANOSECONDS);
            if (line != null && line.contains(wanted)) {
                return line;
            }
        }
    }
}
