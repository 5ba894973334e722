package dev.tickerplant.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.reload.ConfigReading;
import dev.tickerplant.daemon.systemd.NotifyListener;
import dev.tickerplant.daemon.systemd.SystemdEnvironment;
import dev.tickerplant.daemon.testing.LogCapture;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP's reload on a running daemon: the config file rewritten with a new auth token and a new listen port; the
 * token is required on /api/* at once, the port stays and the log names it as needing a restart; then a file with a
 * bad value changes nothing.
 */
class ReloadTest {
    private static final String TOKEN = "reloaded-token-4f9c2a7e";
    private static final Duration RELOAD = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aReloadAppliesTheNewTokenAndNamesThePortAsNeedingARestart() throws Exception {
        Path config = dir.resolve("tickerplant.conf");
        String socket = dir.resolve("notify").toString();
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(10));
             LogCapture logs = LogCapture.ofEverything(); NotifyListener systemd = new NotifyListener(socket)) {
            Files.writeString(config, "products = BTC-USD,ETH-USD\nlisten-port = 0\n");
            String[] args = {"--config", config.toString(),
                    "--upstream-url", sim.advancedTradeUri().toString(),
                    "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", dir.resolve("cache.json").toString()};
            Daemon daemon = Daemon.start(SettingsLoader.load(args, Map.of()),
                    new SystemdEnvironment(socket, Optional.empty()),
                    () -> new ConfigReading(SettingsLoader.load(args, Map.of()), Optional.empty()));
            try {
                int port = daemon.fanout().port();
                assertEquals(200, Http.get(port, "/api/upstream").statusCode(), "no token needed before the reload");

                int otherPort = freePort();
                Files.writeString(config, "products = BTC-USD,ETH-USD\nlisten-port = " + otherPort + "\n"
                        + "auth-token = " + TOKEN + "\n");
                daemon.reload().get(RELOAD.toSeconds(), TimeUnit.SECONDS);

                assertEquals(port, daemon.fanout().port(), "the port stays until a restart");
                assertEquals(401, Http.get(port, "/api/upstream").statusCode(), "the token is now required");
                assertEquals(200, withToken(port, TOKEN), "and the new token admitted");
                assertTrue(logs.linesAtLeast(Level.WARN).stream().anyMatch(l -> l.contains(
                        "reload: restart needed for: listen-port (left as they were until then)")),
                        String.join("\n", logs.lines()));
                assertTrue(logs.lines().stream().anyMatch(l -> l.contains("reloaded: applied auth-token")),
                        String.join("\n", logs.lines()));
                assertTrue(logs.lines().stream().noneMatch(l -> l.contains(TOKEN)), "the token is never logged");
                String reloadingMessage = systemd.awaitMessage("RELOADING=1 with MONOTONIC_USEC",
                        m -> m.matches("RELOADING=1\nMONOTONIC_USEC=\\d+"), RELOAD);
                int reloading = indexOf(systemd.messages(), reloadingMessage::equals);
                systemd.awaitMessage("READY=1 after the reload", m -> m.startsWith("READY=1\nSTATUS=")
                        && indexOf(systemd.messages(), m::equals) > reloading, RELOAD);

                Files.writeString(config, "products = BTC-USD,ETH-USD\nlisten-port = 0\nhealth-ready-coverage = 2\n");
                daemon.reload().get(RELOAD.toSeconds(), TimeUnit.SECONDS);
                assertTrue(logs.linesAtLeast(Level.ERROR).stream().anyMatch(l -> l.contains(
                        "reload failed, nothing changed: Invalid setting health-ready-coverage = \"2\"")),
                        String.join("\n", logs.lines()));
                assertEquals(200, withToken(port, TOKEN), "a bad file changed nothing: the token stays");
                assertEquals(401, Http.get(port, "/api/upstream").statusCode());
            } finally {
                daemon.close();
            }
        }
    }

    @Test
    void aReloadFollowsTheNewProductSelectionMakeBeforeBreak() throws Exception {
        Path config = dir.resolve("tickerplant.conf");
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(50));
             LogCapture logs = LogCapture.ofEverything()) {
            Files.writeString(config, "products = BTC-USD,ETH-USD\nlisten-port = 0\n");
            String[] args = {"--config", config.toString(),
                    "--upstream-url", sim.advancedTradeUri().toString(),
                    "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", dir.resolve("cache.json").toString()};
            Daemon daemon = Daemon.start(SettingsLoader.load(args, Map.of()), SystemdEnvironment.NONE,
                    () -> new ConfigReading(SettingsLoader.load(args, Map.of()), Optional.empty()));
            try {
                Files.writeString(config, "products = BTC-USD,SOL-USD\nlisten-port = 0\n");
                daemon.reload().get(RELOAD.toSeconds(), TimeUnit.SECONDS);

                assertEquals(null, daemon.market().named("ETH-USD"), "ETH-USD left");
                org.awaitility.Awaitility.await("SOL-USD ticks").atMost(RELOAD)
                        .until(() -> daemon.market().named("SOL-USD") != null
                                && daemon.market().named("SOL-USD").updates() > 0);
                assertTrue(logs.lines().stream().anyMatch(l -> l.contains(
                        "products changed (reload): +1 product (SOL-USD), -1 (ETH-USD); shards: 0 new, 1 changed")), String.join("\n", logs.lines()));
                assertTrue(logs.lines().stream().anyMatch(l -> l.contains("reloaded: applied products")),
                        String.join("\n", logs.lines()));
            } finally {
                daemon.close();
            }
        }
    }

    private static int indexOf(List<String> messages, Predicate<String> matches) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (matches.test(messages.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int withToken(int port, String token) {
        return Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/upstream"))
                .header("Authorization", "Bearer " + token).build()).statusCode();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
