package dev.tickerplant.daemon.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Collects a child process's output, line by line, into a list a test can wait on (a daemon thread reads it). */
public final class ChildOutput {
    private ChildOutput() {
    }

    /**
     * Starts reading {@code process}'s standard output into {@code lines}, which must be safe for a reader thread; the
     * reader ends with the output, so once it is no longer alive every line is in.
     */
    public static Thread follow(Process process, List<String> lines) {
        Thread reader = new Thread(() -> pump(process, lines), "daemon-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void pump(Process process, List<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("reader stopped: " + e);
        }
    }
}
