package dev.tickerplant.daemon.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.NodeProject;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium driven by playwright-core (npm): {@code compat-tests/browser/drive.mjs} launches it and
 * takes one JSON command a line on its stdin, answering each with one JSON line: a page opened, scripts run in it,
 * elements typed into, a screenshot, the browser console.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Path PROJECT = Path.of("..", "compat-tests", "browser").toAbsolutePath().normalize();
    private static final List<Path> BROWSERS = List.of(Path.of("/usr/bin/chromium"),
            Path.of("/usr/lib/chromium/chromium"));
    /** A browser starting or a page loading on a loaded two-core machine: generous, never a measurement. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** What the reader hands over when the driver closed its output: no answer will follow. */
    private static final JsonNode ENDED = Json.tree("{\"ended\":true}");

    private final Process driver;
    private final Writer commands;
    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private long lastId;

    private HeadlessChromium(Process driver) {
        this.driver = driver;
        this.commands = new OutputStreamWriter(driver.getOutputStream(), StandardCharsets.UTF_8);
        daemonThread("browser-driver-answers", this::readAnswers).start();
        daemonThread("browser-driver-errors", () -> NodeProject.readLines(driver.getErrorStream(), output::add))
                .start();
    }

    /**
     * Starts drive.mjs on a fresh profile and waits until its browser is up; fails with the fix when Node or
     * Chromium is missing, and installs the project's pinned playwright-core when it is not there yet.
     */
    static HeadlessChromium start(Path profile) throws IOException, InterruptedException {
        if (!NodeProject.nodeInstalled()) {
            throw new IllegalStateException("node not found: the browser test drives Chromium with playwright-core;"
                    + " install Node.js 20+ (apt-get install -y nodejs npm; .ci/run does)");
        }
        Path chromium = BROWSERS.stream().filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new IllegalStateException("chromium not found (looked in " + BROWSERS + "): install the Debian"
                        + " package chromium (apt-get install -y chromium; .ci/run does)"));
        NodeProject.installIfMissing(PROJECT, "playwright-core");
        Process driver = new ProcessBuilder("node", "drive.mjs", profile.toString(), chromium.toString())
                .directory(PROJECT.toFile()).start();
        HeadlessChromium browser = new HeadlessChromium(driver);
        try {
            browser.answer(0, "start");
            return browser;
        } catch (RuntimeException e) {
            browser.end();
            throw new IllegalStateException("playwright-core did not start " + chromium + " (it needs Node.js 20+): "
                    + e.getMessage(), e);
        }
    }

    void open(String url) {
        call("open", Map.of("url", url));
    }

    /** Runs {@code script} (a function body: {@code return ...}) in the page and returns its value as JSON. */
    JsonNode script(String script) {
        return call("script", Map.of("body", script));
    }

    /**
     * Types into the element {@code css} selects, as a user would, focusing it first; WebDriver's key codes stand
     * for special keys ({@code \uE003} Backspace, {@code \uE007} Enter).
     */
    void type(String css, String keys) {
        call("type", Map.of("css", css, "keys", keys));
    }

    /** Resizes the page's viewport (the window, as the page sees it), e.g. to a phone's width. */
    void windowSize(int width, int height) {
        call("viewport", Map.of("width", width, "height", height));
    }

    void screenshot(Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        call("screenshot", Map.of("path", png.toAbsolutePath().toString()));
    }

    /**
     * The browser console since the last call, errors and uncaught exceptions as {@code SEVERE ...} (chromedriver's
     * name for the level): CSP violations show up here.
     */
    List<String> consoleMessages() {
        List<String> messages = new ArrayList<>();
        call("console", Map.of()).forEach(m -> messages.add(m.asText()));
        return messages;
    }

    /** Sends one command and waits for its answer's value; fails with the driver's output when it has none. */
    private synchronized JsonNode call(String command, Map<String, Object> arguments) {
        long id = ++lastId;
        Map<String, Object> line = new LinkedHashMap<>(arguments);
        line.put("id", id);
        line.put("command", command);
        try {
            commands.write(Json.write(line) + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the browser driver took no " + command + " command; its output:\n"
                    + driverOutput(), e);
        }
        return answer(id, command);
    }

    private JsonNode answer(long id, String command) {
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (true) {
            JsonNode answer;
            try {
                answer = answers.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the browser's " + command, e);
            }
            if (answer == null) {
                throw new IllegalStateException("the browser driver did not answer " + command + " within "
                        + CALL_TIMEOUT.toSeconds() + " s; its output:\n" + driverOutput());
            }
            if (answer == ENDED) {
                answers.add(ENDED); // for any later call
                throw new IllegalStateException("the browser driver ended before it answered " + command
                        + "; its output:\n" + driverOutput());
            }
            if (answer.path("id").asLong(-1) != id) {
                continue; // the late answer to a call that timed out
            }
            if (!answer.path("ok").asBoolean()) {
                throw new IllegalStateException(command + " failed in the browser: " + answer.path("error").asText());
            }
            return answer.path("value");
        }
    }

    @Override
    public void close() {
        try {
            if (driver.isAlive()) {
                call("close", Map.of());
            }
        } catch (RuntimeException e) {
            // The process goes below either way.
        } finally {
            end();
        }
    }

    /**
     * Ends the driver unless it ended already: playwright-core closes the browser on SIGTERM, and what is left of
     * it (a driver that had to be killed) goes too.
     */
    private void end() {
        List<ProcessHandle> browsers = driver.descendants().toList();
        try {
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.destroy();
                if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            driver.destroyForcibly();
        }
        browsers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** What the driver wrote besides its answers (its stderr: Node's and playwright-core's errors). */
    String driverOutput() {
        return String.join("\n", output);
    }

    private void readAnswers() {
        NodeProject.readLines(driver, line -> {
            JsonNode answer = line.startsWith("{") ? parseOrNull(line) : null;
            if (answer != null) {
                answers.add(answer);
            } else {
                output.add(line);
            }
        });
        answers.add(ENDED);
    }

    private static JsonNode parseOrNull(String line) {
        try {
            return Json.tree(line);
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    private static Thread daemonThread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
