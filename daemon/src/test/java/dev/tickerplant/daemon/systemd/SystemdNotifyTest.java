package dev.tickerplant.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.daemon.testing.LogCapture;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import io.netty.channel.EventLoop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon on the simulator, run as systemd would run a Type=notify unit: READY=1 once /health says ready, STATUS=
 * lines with the coverage, WATCHDOG=1 while it works and none while an event loop is stuck, STOPPING=1 at close and
 * nothing after it.
 */
@EndToEnd
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

    @Test
    void noWatchdogPingWhileAnEventLoopIsStuckThenPingsResume() throws InterruptedException {
        String socket = dir.resolve("notify").toString();
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(100));
             NotifyListener systemd = new NotifyListener(socket); LogCapture logs = LogCapture.ofEverything()) {
            Daemon daemon = Daemon.start(SettingsLoader.load(new String[] {
                    "--upstream-url", sim.advancedTradeUri().toString(),
                    "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", dir.resolve("cache.json").toString(),
                    "--products", "BTC-USD,ETH-USD", "--listen-port", "0",
                    "--health-log-interval", "300ms"}, Map.of()),
                    new SystemdEnvironment(socket, Optional.of(Duration.ofMillis(400))));
            systemd.awaitMessage("WATCHDOG=1", "WATCHDOG=1"::equals, EVENTUALLY);
            List<EventLoop> loops = daemon.fanout().eventLoops();
            try (HeldLoop held = HeldLoop.hold(loops.get(loops.size() - 1))) {
                Awaitility.await("the failed liveness check logged").atMost(EVENTUALLY).until(() -> logs.lines()
                        .stream().anyMatch(l -> l.contains("no systemd watchdog ping: an event loop did not run a task"
                                + " within 100 ms")));
                // Status lines and pings leave from one thread in order: once a status line sent after the failed
                // check is in, so is every ping sent before it.
                int failedAt = awaitStatusAfter(systemd, systemd.messages().size());
                int twoLater = awaitStatusAfter(systemd, awaitStatusAfter(systemd, failedAt + 1) + 1);
                List<String> whileStuck = systemd.messages().subList(failedAt, twoLater + 1);
                assertEquals(List.of(), whileStuck.stream().filter("WATCHDOG=1"::equals).toList(),
                        "no ping while an event loop is stuck: " + whileStuck);
            }
            try {
                int released = systemd.messages().size();
                Awaitility.await("pings resumed").atMost(EVENTUALLY).until(() -> {
                    List<String> messages = systemd.messages(); // one copy: more may come between two reads
                    return messages.subList(released, messages.size()).contains("WATCHDOG=1");
                });
                // The line may be logged just after the ping it announces has left.
                Awaitility.await("the restored liveness logged").atMost(EVENTUALLY).until(() -> logs.lines().stream()
                        .anyMatch(l -> l.contains("liveness restored: systemd watchdog pings resumed")));
            } finally {
                daemon.close();
            }
        }
    }

    /** The index of the first STATUS= line at or after {@code from}, once there is one. */
    private static int awaitStatusAfter(NotifyListener systemd, int from) {
        Awaitility.await("a status line after message " + from).atMost(EVENTUALLY).until(() -> statusAt(systemd,
                from) >= 0);
        return statusAt(systemd, from);
    }

    private static int statusAt(NotifyListener systemd, int from) {
        List<String> messages = systemd.messages();
        for (int i = from; i < messages.size(); i++) {
            if (messages.get(i).startsWith("STATUS=")) {
                return i;
            }
        }
        return -1;
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
