package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.admin.ProductsReport;
import dev.tickerplant.daemon.reload.ConfigReading;
import dev.tickerplant.daemon.systemd.SystemdEnvironment;
import dev.tickerplant.daemon.testing.LogCapture;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import dev.tickerplant.ingest.upstream.UpstreamState;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.sim.feed.FaultTarget;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.WebSocketClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A reload applies each setting a running daemon can change, seen where it matters: a newly prioritised product gets
 * a connection of its own (and loses it again), /health's answer follows the new coverage thresholds, an Origin
 * refused before is admitted after (and the other way round), and the root logger takes the new log level.
 */
@EndToEnd
class ReloadAppliesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BEFORE = "https://before.example.com";
    private static final String AFTER = "https://after.example.com";

    @TempDir
    Path dir;

    private final LogCapture logs = LogCapture.ofEverything();
    /** TICKERPLANT_LOG_LEVEL as the next reload reads it. */
    private final AtomicReference<String> logLevel = new AtomicReference<>();
    private Path config;
    private Simulator sim;
    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
        logs.close();
    }

    @Test
    void aNewPriorityProductGetsAConnectionOfItsOwnAndLosesItWhenNoLongerNamed() throws Exception {
        start("products = BTC-USD,ETH-USD,SOL-USD\n");
        awaitStreaming(List.of(List.of("BTC-USD", "ETH-USD", "SOL-USD")));

        reload("products = BTC-USD,ETH-USD,SOL-USD\npriority-products = SOL-USD\n");
        awaitStreaming(List.of(List.of("SOL-USD"), List.of("BTC-USD", "ETH-USD")));
        assertTrue(followed("SOL-USD").priority(), daemon.products().products().toString());
        assertFalse(followed("BTC-USD").priority());
        assertTrue(logs.lines().stream().anyMatch(l -> l.contains("reloaded: applied priority-products")),
                String.join("\n", logs.lines()));

        reload("products = BTC-USD,ETH-USD,SOL-USD\n");
        awaitStreaming(List.of(List.of("BTC-USD", "ETH-USD", "SOL-USD")));
        assertFalse(followed("SOL-USD").priority(), daemon.products().products().toString());
        await("SOL-USD ticks on the shared connection").atMost(WAIT).until(() -> ticksOf("SOL-USD") > 0);
    }

    @Test
    void healthFollowsTheReloadedCoverageThresholds() throws Exception {
        start("products = BTC-USD,ETH-USD\nproducts-per-connection = 1\n");
        awaitHealth(200, "\"connections\":\"2/2 connected\"");

        // ETH-USD's connection falls silent and stays out: half the products receive data.
        sim.faults().rejectNextConnections(1_000_000);
        sim.faults().stall(FaultTarget.product("ETH-USD"), true);
        HttpResponse<String> degraded = awaitHealth(503, "\"coverage\":\"50.0%\"");
        assertTrue(degraded.body().contains("\"status\":\"degraded\""), degraded.body());

        reload("products = BTC-USD,ETH-USD\nproducts-per-connection = 1\nhealth-ready-coverage = 0.5\n");
        HttpResponse<String> ready = Http.get(daemon.httpPort(), "/health");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\":\"ready\"") && ready.body().contains("\"coverage\":\"50.0%\""),
                ready.body());

        reload("products = BTC-USD,ETH-USD\nproducts-per-connection = 1\nhealth-ready-coverage = 0.9\n"
                + "health-down-coverage = 0.6\n");
        HttpResponse<String> down = Http.get(daemon.httpPort(), "/health");
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.body().contains("\"status\":\"down\"") && down.body().contains("\"coverage\":\"50.0%\""),
                down.body());
        assertTrue(logs.lines().stream().anyMatch(l -> l.contains(
                "reloaded: applied health-ready-coverage, health-down-coverage")), String.join("\n", logs.lines()));
    }

    @Test
    void theAllowedOriginsAndTheLogLevelChangeWithAReload() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level started = root.getLevel();
        try {
            start("products = BTC-USD\nallowed-origins = " + BEFORE + "\n");
            int port = daemon.httpPort();
            assertEquals(101, upgradeFrom(port, BEFORE));
            assertEquals(403, upgradeFrom(port, AFTER));
            assertEquals(403, apiFrom(port, AFTER));

            logLevel.set("DEBUG");
            reload("products = BTC-USD\nallowed-origins = " + AFTER + "\n");

            assertEquals(403, upgradeFrom(port, BEFORE), "the origin no longer allowed is refused");
            assertEquals(101, upgradeFrom(port, AFTER), "the newly allowed one admitted");
            assertEquals(200, apiFrom(port, AFTER));
            assertEquals(Level.DEBUG, root.getLevel());
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("reloaded: applied allowed-origins; log level "
                    + started + " -> DEBUG")), String.join("\n", logs.lines()));
        } finally {
            root.setLevel(started);
        }
    }

    private void start(String configText) throws IOException {
        config = dir.resolve("tickerplant.conf");
        Files.writeString(config, configText + "listen-port = 0\n");
        sim = Simulator.start(SimulatorOptions.defaults().withTickRate(50));
        String[] args = {"--config", config.toString(),
                "--upstream-url", sim.advancedTradeUri().toString(),
                "--rest-url", sim.restBaseUri().toString(),
                "--catalog-cache-file", dir.resolve("cache.json").toString(),
                "--catalog-refresh-interval", "0"};
        daemon = Daemon.start(SettingsLoader.load(args, Map.of()), SystemdEnvironment.NONE,
                () -> new ConfigReading(SettingsLoader.load(args, Map.of()), Optional.ofNullable(logLevel.get())));
    }

    /** Rewrites the config file and reloads, as SIGHUP does; returns once the reload has been applied. */
    private void reload(String configText) throws Exception {
        Files.writeString(config, configText + "listen-port = 0\n");
        daemon.reload().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of(), logs.linesAtLeast(Level.WARN).stream().filter(l -> l.contains("reload")).toList());
    }

    /** Waits until exactly these product lists are on connections, each streaming. */
    private void awaitStreaming(List<List<String>> connections) {
        await("streaming on " + connections).atMost(WAIT).until(() -> {
            List<UpstreamSession> sessions = daemon.upstream().sessions();
            return sessions.size() == connections.size() && sessions.stream().allMatch(s -> connections.contains(
                    s.products()) && s.stats().state() == UpstreamState.STREAMING);
        });
    }

    private ProductsReport.FollowedProduct followed(String id) {
        return daemon.products().products().products().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow();
    }

    private long ticksOf(String id) {
        return daemon.market().named(id) == null ? 0 : daemon.market().named(id).updates();
    }

    private HttpResponse<String> awaitHealth(int status, String bodyHas) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Predicate<HttpResponse<String>> matches = r -> r.statusCode() == status && r.body().contains(bodyHas);
        await("/health " + status + " with " + bodyHas).atMost(WAIT).until(() -> {
            last.set(Http.get(daemon.httpPort(), "/health"));
            return matches.test(last.get());
        });
        return last.get();
    }

    private static int upgradeFrom(int port, String origin) {
        try (WebSocketClient client = WebSocketClient.to(port, "/ws").header("Origin: " + origin).upgrade()) {
            return client.status();
        }
    }

    private static int apiFrom(int port, String origin) {
        return Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/upstream"))
                .header("Origin", origin).build()).statusCode();
    }
}
