package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.sim.testing.SimulatorFixture;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.WebSocketClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The curl and WebSocket examples of README.md, run against a daemon fed by the simulator (port rewritten). */
class ReadmeExamplesTest {
    private static final Pattern CURL = Pattern.compile("curl -s (http://127\\.0\\.0\\.1:8787/\\S+)");
    private static final Pattern WS_URL = Pattern.compile("'(ws://127\\.0\\.0\\.1:8787/ws[^']*)'");
    private static final Pattern WS_COMMAND = Pattern.compile("^> (\\{.*})$", Pattern.MULTILINE);

    @RegisterExtension
    static final SimulatorFixture SIM = SimulatorFixture.of(SimulatorOptions.defaults().withTickRate(200));

    private static Daemon daemon;
    private static String readme;

    @BeforeAll
    static void start() throws IOException {
        readme = Files.readString(Path.of("..", "README.md"));
        Path cache = Files.createTempDirectory("readme").resolve("cache.json");
        Simulator sim = SIM.get();
        daemon = Daemon.start(SettingsLoader.load(new String[] {"--upstream-url", sim.advancedTradeUri().toString(),
                "--rest-url", sim.restBaseUri().toString(), "--catalog-cache-file", cache.toString(),
                "--listen-port", "0"}, Map.of()));
        await("full coverage").atMost(Duration.ofSeconds(30))
                .until(() -> daemon.upstream().productsReceiving() >= daemon.upstream().plannedProducts());
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void everyCurlExampleAnswersWithJsonOrMetrics() throws Exception {
        List<String> urls = all(CURL, readme);
        assertTrue(urls.size() >= 6, "README curl examples: " + urls);
        for (String url : urls) {
            HttpResponse<String> response = Http.get(local(url));
            assertTrue(response.statusCode() == 200 || (url.endsWith("/health") && response.statusCode() == 503),
                    url + " -> " + response.statusCode() + " " + response.body());
            String body = response.body();
            assertTrue(url.endsWith("/metrics") ? body.contains("# TYPE tickerplant_up gauge") : body.startsWith("{"),
                    url + " -> " + body);
        }
    }

    @Test
    void theWebSocketExamplesSubscribeAndDeliverTickers() throws Exception {
        List<String> urls = all(WS_URL, readme);
        assertFalse(urls.isEmpty(), "README WebSocket examples");
        for (String url : urls) {
            try (WebSocketClient client = WebSocketClient.connect(local(url))) {
                assertEquals("welcome", client.nextJson().get("type"));
                client.nextJson(m -> "ticker".equals(m.get("type")), Duration.ofSeconds(20)); // a ticker arrives
            }
        }
        List<String> commands = all(WS_COMMAND, readme);
        assertFalse(commands.isEmpty(), "README wscat commands");
        try (WebSocketClient client = WebSocketClient.connect(local("ws://127.0.0.1:8787/ws"))) {
            assertEquals("welcome", client.nextJson().get("type"));
            for (String command : commands) {
                client.send(command);
                Map<String, Object> reply = client.nextJson(
                        m -> !List.of("ticker", "snapshot", "replay_unavailable").contains(m.get("type")));
                assertEquals("subscriptions", reply.get("type"), "reply to " + command);
            }
        }
    }

    private static URI local(String readmeUrl) {
        return URI.create(readmeUrl.replace(":8787", ":" + daemon.fanout().port()));
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
