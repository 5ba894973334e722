package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.testing.ChildOutput;
import dev.tickerplant.testing.EndToEnd;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as an operator runs it: its own JVM, {@code --simulate}, then SIGTERM. Checks the seed system's health
 * line and a clean shutdown. The waits are generous: what is checked is that start-up and shutdown finish with their
 * work done, not how fast a busy machine is (the shutdown budget's split is {@code Daemon.close}'s own arithmetic).
 */
@EndToEnd
class SimulatedRunTest {
    private static final String FULL_HEALTH = "Connection health: 20/20 connected, 300/300 products receiving data";
    /** A JVM start, 20 connections paced at 8 per second, or an orderly stop: each well within this when loaded. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

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
        Thread reader = ChildOutput.follow(process, lines);
        try {
            long started = System.nanoTime();
            await("the full-health line").atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                    lines.stream().anyMatch(l -> l.contains(FULL_HEALTH)),
                    () -> "no '" + FULL_HEALTH + "' line yet; output:\n" + String.join("\n", lines)));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.println("full coverage logged " + tookMillis + " ms after launch");

            long sigterm = System.nanoTime();
            // Process.destroy() would also close our end of the pipe; kill(1) sends SIGTERM and leaves it readable.
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
            boolean exited = process.waitFor(EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
            assertTrue(exited, "still running " + EVENTUALLY.toSeconds() + " s after SIGTERM");
            System.out.println("exited " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm)
                    + " ms after SIGTERM");
            // The pipe ends with the process: once the reader has seen its end, every line is in.
            await("the daemon's output read to its end").until(() -> !reader.isAlive());
            assertTrue(lines.stream().anyMatch(l -> l.contains("shutting down: closing 20 upstream connections")),
                    String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.contains("Daemon - stopped in")), String.join("\n", lines));
        } finally {
            process.destroyForcibly();
        }
    }
}
