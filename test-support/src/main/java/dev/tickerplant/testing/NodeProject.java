package dev.tickerplant.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Node.js project under {@code compat-tests/} that a test drives as a real third-party client (ccxt,
 * socket.io-client): whether Node is there, its pinned packages installed, and a child process's output read line by
 * line.
 */
public final class NodeProject {
    private static final long NPM_CI_MINUTES = 5;

    private NodeProject() {
    }

    /** Whether {@code node} runs on this machine. */
    public static boolean nodeInstalled() {
        try {
            return new ProcessBuilder("node", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code npm ci} in {@code project} unless {@code node_modules/<module>} is there: what .ci/run does up front,
     * done here too so that {@code mvn verify} works on a fresh checkout with Node.
     */
    public static void installIfMissing(Path project, String module) throws IOException, InterruptedException {
        if (Files.isDirectory(project.resolve("node_modules").resolve(module))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(project.toFile())
                .redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(npm, lines::add));
        reader.setDaemon(true);
        reader.start();
        boolean done = npm.waitFor(NPM_CI_MINUTES, TimeUnit.MINUTES);
        assertTrue(done && npm.exitValue() == 0, () -> "npm ci in " + project + " failed: " + String.join("\n", lines));
    }

    /** Hands every line the process writes to {@code lines} until it closes its output (or ends). */
    public static void readLines(Process process, Consumer<String> lines) {
        readLines(process.getInputStream(), lines);
    }

    /** Hands every line of {@code stream} (a process's output or error stream) to {@code lines} until it closes. */
    public static void readLines(InputStream stream, Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.accept(line);
            }
        } catch (IOException e) {
            // the process ended and took its output with it
        }
    }
}
