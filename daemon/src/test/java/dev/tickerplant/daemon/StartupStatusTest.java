package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * During start-up, while the paced connections open one by one, /health and the {@code status} a subscriber is told
 * name the same stale products at the same moment: a connection still waiting for its first link makes neither call
 * its products stale.
 */
@EndToEnd
class StartupStatusTest {
    private static final int CONNECTIONS = 6;

    @TempDir
    Path dir;

    @Test
    void healthAndAStatusSubscriberNameTheSameStaleProductsWhileConnectionsStart() {
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(100))) {
            // One product per connection, one connection opened a second: start-up lasts several seconds.
            Daemon daemon = Daemon.start(SettingsLoader.load(new String[] {
                    "--upstream-url", sim.advancedTradeUri().toString(),
                    "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", dir.resolve("cache.json").toString(),
                    "--listen-port", "0", "--top-n", String.valueOf(CONNECTIONS),
                    "--products-per-connection", "1", "--connect-rate-limit", "1"}, Map.of()));
            try {
                int port = daemon.fanout().port();
                List<Sample> samples = new ArrayList<>();
                await("every connection streaming").atMost(Duration.ofSeconds(60)).until(() -> {
                    Sample sample = Sample.take(port);
                    samples.add(sample);
                    return sample.streaming == CONNECTIONS;
                });

                // A sample counts when nothing changed while the subscriber was told: /health read the same before
                // and after.
                List<Sample> whileStarting = samples.stream().filter(s -> s.steady() && s.streaming < CONNECTIONS)
                        .toList();
                assertFalse(whileStarting.isEmpty(), () -> "no steady sample during start-up: " + samples);
                for (Sample s : whileStarting) {
                    assertEquals(s.healthBefore, s.pushed, () -> s.streaming + "/" + CONNECTIONS + " streaming: "
                            + "/health says " + s.healthBefore + " stale, a status subscriber is told " + s.pushed);
                }
            } finally {
                daemon.close();
            }
        }
    }

    /** /health's stale products, what a new status subscriber is told is stale, then /health's again. */
    private record Sample(TreeSet<String> healthBefore, TreeSet<String> pushed, TreeSet<String> healthAfter,
                          long streaming, long streamingAfter) {
        static Sample take(int port) {
            Map<String, Object> before = Json.object(Http.get(port, "/health").body());
            TreeSet<String> pushed = pushedStale(port);
            Map<String, Object> after = Json.object(Http.get(port, "/health").body());
            return new Sample(stale(before), pushed, stale(after), streaming(before), streaming(after));
        }

        boolean steady() {
            return healthBefore.equals(healthAfter) && streaming == streamingAfter;
        }

        private static TreeSet<String> stale(Map<String, Object> health) {
            return new TreeSet<>(Json.<List<String>>at(health, "stale_products", "products"));
        }

        private static long streaming(Map<String, Object> health) {
            return ((Number) health.get("connections_streaming")).longValue();
        }

        /** The products of the {@code stale} product statuses a subscriber to every product's status gets at once. */
        private static TreeSet<String> pushedStale(int port) {
            TreeSet<String> stale = new TreeSet<>();
            try (WebSocketClient client = WebSocketClient.connect(port, "/ws?products=*&channels=status")) {
                client.send("{\"type\":\"ping\"}"); // answered after what the subscribe sent
                for (String text = client.next(); !text.contains("\"type\":\"pong\""); text = client.next()) {
                    Map<String, Object> message = Json.object(text);
                    if ("status".equals(message.get("type")) && "product".equals(message.get("scope"))
                            && "stale".equals(message.get("state"))) {
                        stale.add((String) message.get("id"));
                    }
                }
            }
            return stale;
        }
    }
}
