package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.reload.ReloadableEnvironment;
import dev.tickerplant.daemon.testing.ChildOutput;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP to the daemon in its own JVM, started as the systemd unit starts it: a config file, and an environment file
 * whose variables are in the process's environment and whose path is in {@code TICKERPLANT_ENV_FILE}. Both files are
 * rewritten, the signal sent; the process runs on with the config file's new allowed origins, the environment file's
 * new auth token and its new log level, all seen from outside: over HTTP and in its output. Started with SIGHUP
 * ignored (as under nohup), where the JVM installs no handler, it says in a warning that reloads are off.
 */
@EndToEnd
class HangupReloadTest {
    private static final String BEFORE = "https://before.example.com";
    private static final String AFTER = "https://after.example.com";
    private static final String TOKEN = "hangup-token-5e1d7c3b";
    /** A JVM start, a catalog, a connection; or a reload: each well within this on a loaded machine. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("fanout listening on ws://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void sighupAppliesTheConfigFileAndTheEnvironmentFileAndTheDaemonRunsOn() throws Exception {
        Path config = Files.writeString(dir.resolve("tickerplant.conf"),
                "products = BTC-USD,ETH-USD\nlisten-port = 0\nallowed-origins = " + BEFORE + "\n");
        Path envFile = Files.writeString(dir.resolve("tickerplant.env"), "TICKERPLANT_LOG_LEVEL=INFO\n");
        // SIGHUP as systemd leaves it, whatever this test's own process inherited (a build started under nohup).
        List<String> lines = new CopyOnWriteArrayList<>();
        Process process = daemon(config, envFile, "--default-signal=HUP", lines);
        try {
            int port = awaitPort(lines);
            await("ready").atMost(EVENTUALLY).until(() -> Http.get(port, "/health").statusCode() == 200);
            assertEquals(200, api(port, BEFORE, null));
            assertEquals(403, api(port, AFTER, null));

            Files.writeString(config, "products = BTC-USD,ETH-USD\nlisten-port = 0\nallowed-origins = " + AFTER
                    + "\n");
            Files.writeString(envFile, "TICKERPLANT_LOG_LEVEL=DEBUG\nTICKERPLANT_AUTH_TOKEN=" + TOKEN + "\n");
            hangUp(process);

            await("the reload logged").atMost(EVENTUALLY).untilAsserted(() -> assertTrue(lines.stream().anyMatch(
                    l -> l.contains("reloaded: applied auth-token, allowed-origins; log level INFO -> DEBUG")),
                    () -> "output:\n" + String.join("\n", lines)));
            assertTrue(process.isAlive(), "SIGHUP reloads; it does not end the process");
            assertEquals(401, api(port, AFTER, null), "the environment file's token is required");
            assertEquals(200, api(port, AFTER, TOKEN), "and admitted, from the config file's new origin");
            assertEquals(403, api(port, BEFORE, TOKEN), "the origin no longer allowed is refused");
            // Refusals after the first within the log's quiet period are logged at DEBUG, which is now shown.
            await("DEBUG lines shown").atMost(EVENTUALLY).until(() -> {
                api(port, BEFORE, TOKEN);
                return lines.stream().anyMatch(l -> l.contains(" DEBUG ") && l.contains("refused GET /api/upstream"));
            });
            assertEquals(200, Http.get(port, "/health").statusCode(), "still serving");
            assertFalse(lines.stream().anyMatch(l -> l.contains(TOKEN)), "the token is never logged");
        } finally {
            stop(process);
        }
    }

    @Test
    void startedWithSighupIgnoredTheDaemonSaysThatReloadsAreOff() throws Exception {
        Path config = Files.writeString(dir.resolve("tickerplant.conf"), "products = BTC-USD\nlisten-port = 0\n");
        Path envFile = Files.writeString(dir.resolve("tickerplant.env"), "TICKERPLANT_LOG_LEVEL=INFO\n");
        // As nohup starts it: the JVM then installs no SIGHUP handler, and a reload request would vanish unseen.
        List<String> lines = new CopyOnWriteArrayList<>();
        Process process = daemon(config, envFile, "--ignore-signal=HUP", lines);
        try {
            int port = awaitPort(lines);
            await("the warning").atMost(EVENTUALLY).untilAsserted(() -> assertTrue(lines.stream().anyMatch(
                    l -> l.contains(" WARN ") && l.contains("SIGHUP is ignored in this process")),
                    () -> "output:\n" + String.join("\n", lines)));
            hangUp(process);
            assertEquals(200, Http.get(port, "/health").statusCode(), "an ignored SIGHUP leaves it serving");
            assertTrue(process.isAlive());
        } finally {
            stop(process);
        }
    }

    /** The daemon in a JVM of its own, SIGHUP set as {@code env}'s {@code signalOption} says; its output to lines. */
    private static Process daemon(Path config, Path envFile, String signalOption, List<String> lines)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/env", signalOption,
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
                "dev.tickerplant.daemon.Main", "--config", config.toString(), "--simulate",
                "--catalog-cache-file", config.resolveSibling("cache.json").toString())
                .redirectErrorStream(true);
        // What systemd does with EnvironmentFile=: the file's variables in the environment, read once at start.
        builder.environment().put("TICKERPLANT_LOG_LEVEL", "INFO");
        builder.environment().put(ReloadableEnvironment.ENV_FILE, envFile.toString());
        Process process = builder.start();
        ChildOutput.follow(process, lines);
        return process;
    }

    private static void hangUp(Process process) throws Exception {
        assertEquals(0, new ProcessBuilder("/bin/kill", "-HUP", Long.toString(process.pid())).inheritIO().start()
                .waitFor(), "kill -HUP");
    }

    private static void stop(Process process) throws Exception {
        new ProcessBuilder("/bin/kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(EVENTUALLY.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int awaitPort(List<String> lines) {
        await("the listening line").atMost(EVENTUALLY).untilAsserted(() -> assertTrue(
                lines.stream().anyMatch(l -> LISTENING.matcher(l).find()),
                () -> "not listening yet; output:\n" + String.join("\n", lines)));
        Matcher port = lines.stream().map(LISTENING::matcher).filter(Matcher::find).findFirst().orElseThrow();
        return Integer.parseInt(port.group(1));
    }

    /** GET /api/upstream with an Origin and, unless null, a bearer token; the status. */
    private static int api(int port, String origin, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/upstream")).header("Origin", origin);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request.build()).statusCode();
    }
}
