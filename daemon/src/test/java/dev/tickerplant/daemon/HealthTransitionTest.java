package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.sim.feed.SimConnection;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Http;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health over HTTP from the running daemon: ready, then degraded while connections are down, then ready again. */
@EndToEnd
class HealthTransitionTest {
    @TempDir
    Path dir;

    @Test
    void healthGoesFrom200To503AndBackWhenConnectionsStallAndRecover() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(100))) {
            Daemon daemon = Daemon.start(SettingsLoader.load(new String[] {
                    "--upstream-url", sim.advancedTradeUri().toString(),
                    "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", dir.resolve("cache.json").toString(),
                    "--listen-port", "0",
                    "--backoff-initial", "100ms", "--backoff-max", "500ms"}, Map.of()));
            try {
                URI health = URI.create("http://127.0.0.1:" + daemon.fanout().port() + "/health");
                HttpResponse<String> ready = awaitHealth(health, r -> r.statusCode() == 200
                        && r.body().contains("\"connections\":\"20/20 connected\""), Duration.ofSeconds(30));
                assertTrue(ready.body().contains("\"status\":\"ready\""), ready.body());
                assertTrue(ready.body().contains("\"connections\":\"20/20 connected\""), ready.body());
                assertTrue(ready.body().contains("\"coverage\":\"100.0%\""), ready.body());

                // Stall five connections (75 products, 25 %) and keep their reconnects out for a while. The default
                // 5 s watchdog notices them; a shorter one could also close a healthy connection a busy machine
                // served late, and this test counts connections.
                List<SimConnection> victims = sim.connections().subList(0, 5);
                sim.faults().rejectNextConnections(1_000_000);
                victims.forEach(c -> sim.faults().stall(c.id(), true));

                HttpResponse<String> degraded = awaitHealth(health, r -> r.statusCode() == 503
                        && r.body().contains("\"connections\":\"15/20 connected\""), Duration.ofSeconds(30));
                assertTrue(degraded.body().contains("\"status\":\"degraded\""), degraded.body());
                assertTrue(degraded.body().contains("\"connections\":\"15/20 connected\""), degraded.body());
                assertTrue(degraded.body().contains("\"coverage\":\"75.0%\""), degraded.body());

                sim.faults().rejectNextConnections(0);
                HttpResponse<String> recovered = awaitHealth(health, r -> r.statusCode() == 200
                        && r.body().contains("\"connections\":\"20/20 connected\""), Duration.ofSeconds(30));
                assertTrue(recovered.body().contains("\"connections\":\"20/20 connected\""), recovered.body());

                HttpResponse<String> live = Http.get(daemon.fanout().port(), "/health/live");
                assertEquals(200, live.statusCode());
            } finally {
                daemon.close();
            }
        }
    }

    private static HttpResponse<String> awaitHealth(URI uri, Predicate<HttpResponse<String>> condition,
                                                    Duration timeout) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        await("the health answer").atMost(timeout).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            last.set(Http.get(uri));
            assertTrue(condition.test(last.get()), () -> "last: " + last.get().statusCode() + " " + last.get().body());
        });
        return last.get();
    }
}
