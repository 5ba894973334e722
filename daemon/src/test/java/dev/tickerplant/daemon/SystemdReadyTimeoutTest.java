package dev.tickerplant.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.reload.ConfigSource;
import dev.tickerplant.daemon.systemd.NotifyListener;
import dev.tickerplant.daemon.systemd.SystemdEnvironment;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon that never gets ready, on a real notification socket: once the start-up timeout has passed it tells
 * systemd READY=1 anyway, with a STATUS= saying why not, so that the unit starts rather than times out and a
 * {@code systemctl status} shows what is wrong.
 */
class SystemdReadyTimeoutTest {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void tellsSystemdReadyAfterTheStartUpTimeoutWithWhyNot() throws IOException {
        String socket = dir.resolve("notify").toString();
        // The catalog comes from the simulator, the stream from a port nobody listens on: never ready.
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(10));
             NotifyListener systemd = new NotifyListener(socket)) {
            long started = System.nanoTime();
            Daemon daemon = Daemon.start(SettingsLoader.load(new String[] {
                    "--upstream-url", "ws://127.0.0.1:" + closedPort(),
                    "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", dir.resolve("cache.json").toString(),
                    "--products", "BTC-USD,ETH-USD", "--listen-port", "0",
                    "--health-log-interval", "300ms"}, Map.of()),
                    new SystemdEnvironment(socket, Optional.empty()), ConfigSource.NONE, READY_TIMEOUT);
            try {
                String ready = systemd.awaitMessage("READY=1", m -> m.startsWith("READY=1"), EVENTUALLY);
                long tookNanos = System.nanoTime() - started;

                assertEquals("READY=1\nSTATUS=Not ready after 1 s (health down): 0/1 connected,"
                        + " 0/2 products receiving data", ready);
                assertTrue(tookNanos >= READY_TIMEOUT.toNanos(), "not before the timeout: after "
                        + TimeUnit.NANOSECONDS.toMillis(tookNanos) + " ms");
                List<String> before = systemd.messages().subList(0, systemd.messages().indexOf(ready));
                assertTrue(before.stream().allMatch(m -> m.startsWith("STATUS=Starting: ")),
                        "before READY=1, only status lines of a start: " + before);
            } finally {
                daemon.close();
            }
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
