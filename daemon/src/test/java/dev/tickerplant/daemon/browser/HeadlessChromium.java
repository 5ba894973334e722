package dev.tickerplant.daemon.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.testing.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven through chromedriver's W3C WebDriver endpoints with the JDK's HTTP client: a
 * session, a page, scripts run in it, elements typed into, a screenshot. chromedriver picks its own loopback port
 * ({@code --port=0}) and says which on its first lines.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final List<Path> DRIVERS = List.of(Path.of("/usr/bin/chromedriver"),
            Path.of("/usr/lib/chromium/chromedriver"));
    private static final List<Path> BROWSERS = List.of(Path.of("/usr/bin/chromium"),
            Path.of("/usr/lib/chromium/chromium"));
    private static final Pattern STARTED = Pattern.compile("started successfully on port (\\d+)");
    /** The W3C name of the key under which an element reference is returned. */
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Process driver;
    private final List<String> driverOutput;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String session;

    private HeadlessChromium(Process driver, List<String> driverOutput, int port, Path profile) {
        this.driver = driver;
        this.driverOutput = driverOutput;
        this.base = URI.create("http://127.0.0.1:" + port + "/");
        Map<String, Object> options = Map.of("binary", find(BROWSERS, "chromium").toString(), "args", List.of(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + profile));
        JsonNode created = call("POST", "session", Map.of("capabilities", Map.of("alwaysMatch",
                Map.of("browserName", "chrome", "goog:chromeOptions", options,
                        "goog:loggingPrefs", Map.of("browser", "ALL")))));
        this.session = created.path("value").path("sessionId").asText();
        if (session.isEmpty()) {
            throw new IllegalStateException("chromedriver created no session: " + created);
        }
    }

    /**
     * Starts chromedriver and one browser session; fails with the fix when either program is missing. Asked for port
     * 0, chromedriver picks a free port itself and then binds it, so another process can take it in between: that
     * one failure is tried again.
     */
    static HeadlessChromium start(Path profile) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(profile);
            } catch (IllegalStateException e) {
                if (attempt == 3 || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static HeadlessChromium startOnce(Path profile) throws IOException {
        Process driver = new ProcessBuilder(find(DRIVERS, "chromedriver").toString(), "--port=0")
                .redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> pump(driver, output, port), "chromedriver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new HeadlessChromium(driver, output, port.get(30, TimeUnit.SECONDS), profile);
        } catch (Exception e) {
            List<ProcessHandle> browsers = driver.descendants().toList();
            driver.destroyForcibly();
            browsers.forEach(ProcessHandle::destroyForcibly);
            throw new IllegalStateException("chromedriver did not start a session: " + e + "; its output:\n"
                    + String.join("\n", output), e);
        }
    }

    void open(String url) {
        call("POST", "session/" + session + "/url", Map.of("url", url));
    }

    /** Runs {@code script} (a function body: {@code return ...}) in the page and returns its value as JSON. */
    JsonNode script(String script) {
        return call("POST", "session/" + session + "/execute/sync", Map.of("script", script, "args", List.of()))
                .path("value");
    }

    /** Types into the element {@code css} selects, as a user would (WebDriver's key codes for special keys). */
    void type(String css, String keys) {
        call("POST", "session/" + session + "/element/" + element(css) + "/value", Map.of("text", keys));
    }

    /** Resizes the browser window, e.g. to a phone's width. */
    void windowSize(int width, int height) {
        call("POST", "session/" + session + "/window/rect", Map.of("width", width, "height", height));
    }

    void screenshot(Path png) throws IOException {
        String base64 = call("GET", "session/" + session + "/screenshot", null).path("value").asText();
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(base64));
    }

    /** The browser console since the last call (chromedriver's log endpoint): CSP violations show up here. */
    List<String> consoleMessages() {
        JsonNode entries = call("POST", "session/" + session + "/se/log", Map.of("type", "browser")).path("value");
        return java.util.stream.StreamSupport.stream(entries.spliterator(), false)
                .map(e -> e.path("level").asText() + " " + e.path("message").asText()).toList();
    }

    private String element(String css) {
        JsonNode found = call("POST", "session/" + session + "/element", Map.of("using", "css selector",
                "value", css));
        String id = found.path("value").path(ELEMENT).asText();
        if (id.isEmpty()) {
            throw new IllegalStateException("no element reference for " + css + " in " + found);
        }
        return id;
    }

    private JsonNode call(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("WebDriver " + method + " /" + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during WebDriver " + method + " /" + path, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " /" + path + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return Json.tree(response.body());
    }

    @Override
    public void close() {
        try {
            call("DELETE", "session/" + session, null);
        } catch (RuntimeException e) {
            // The process goes below either way.
        } finally {
            // A browser whose session could not be ended would outlive its driver: end it with the driver.
            List<ProcessHandle> browsers = driver.descendants().toList();
            driver.destroy();
            browsers.forEach(ProcessHandle::destroy);
            try {
                if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                driver.destroyForcibly();
            }
        }
    }

    String driverOutput() {
        return String.join("\n", driverOutput);
    }

    private static Path find(List<Path> candidates, String program) {
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                program + " not found (looked in " + candidates + "): install the Debian packages chromium and"
                        + " chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does)"));
    }

    private static void pump(Process process, List<String> lines, CompletableFuture<Integer> port) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            lines.add("reader stopped: " + e);
        }
        port.completeExceptionally(new IllegalStateException("chromedriver exited without naming its port"));
    }
}
