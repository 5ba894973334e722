package dev.tickerplant.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon on the simulator, run as systemd would run a Type=notify unit: READY=1 once /health says ready, STATUS=
 * lines with the coverage, WATCHDOG=1 while it works, STOPPING=1 at close and nothing after it.
 */
class SystemdNotifyTest {
    /** 20 connections paced at 8 per second, on a busy machine. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void tellsSystemdReadyStatusWatchdogAndStopping() {
        String socket = dir.resolve("notify").toString();
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(100));
             NotifyListener systemd = new NotifyListener(socket)) {
            Daemon daemon = Daemon.start(SettingsLoader.load(new String[] {
                    "--upstream-url", sim.advancedTradeUri().toString(),
                    "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", dir.resolve("cache.json").toString(),
                    "--listen-port", "0",
                    "--health-log-interval", "300ms"}, Map.of()),
                    new SystemdEnvironment(socket, Optional.of(Duration.ofMillis(400))));
            try {
                String ready = systemd.awaitMessage("READY=1", m -> m.startsWith("READY=1"), EVENTUALLY);
                assertTrue(ready.matches("READY=1\nSTATUS=\\d+/20 connected, \\d+/300 products receiving data"),
                        ready);
                systemd.awaitMessage("a STATUS= refresh after READY=1", m -> m.startsWith("STATUS=")
                        && afterReady(systemd.messages(), m), EVENTUALLY);
                systemd.awaitMessage("WATCHDOG=1", "WATCHDOG=1"::equals, EVENTUALLY);
                assertEquals(List.of(), systemd.messages().stream().filter(m -> m.startsWith("STOPPING")).toList());
            } finally {
                daemon.close();
            }
            systemd.awaitMessage("STOPPING=1", "STOPPING=1"::equals, EVENTUALLY);
            List<String> all = systemd.messages();
            assertEquals("STOPPING=1", all.get(all.size() - 1), "nothing after STOPPING=1: " + all);
        }
    }

    private static boolean afterReady(List<String> messages, String message) {
        int ready = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).startsWith("READY=1")) {
                ready = i;
            }
            if (ready >= 0 && i > ready && messages.get(i).equals(message)) {
                return true;
            }
        }
        return false;
    }
}
