package dev.tickerplant.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The curl and WebSocket examples of README.md, run against a daemon fed by the simulator (port rewritten). */
class ReadmeExamplesTest {
    private static final Pattern CURL = Pattern.compile("curl -s (http://127\\.0\\.0\\.1:8787/\\S+)");
    private static final Pattern WS_URL = Pattern.compile("'(ws://127\\.0\\.0\\.1:8787/ws[^']*)'");
    private static final Pattern WS_COMMAND = Pattern.compile("^> (\\{.*})$", Pattern.MULTILINE);

    private static Simulator sim;
    private static Daemon daemon;
    private static String readme;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        readme = Files.readString(Path.of("..", "README.md"));
        sim = Simulator.start(SimulatorOptions.defaults().withTickRate(200));
        Path cache = Files.createTempDirectory("readme").resolve("cache.json");
        daemon = Daemon.start(SettingsLoader.load(new String[] {"--upstream-url", sim.advancedTradeUri().toString(),
                "--rest-url", sim.restBaseUri().toString(), "--catalog-cache-file", cache.toString(),
                "--listen-port", "0"}, Map.of()));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (daemon.upstream().productsReceiving() < daemon.upstream().plannedProducts()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the daemon did not reach full coverage within 30 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll the condition
        }
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void everyCurlExampleAnswersWithJsonOrMetrics() throws Exception {
        List<String> urls = all(CURL, readme);
        assertTrue(urls.size() >= 6, "README curl examples: " + urls);
        for (String url : urls) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(local(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
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
            Client client = Client.open(local(url));
            assertEquals("welcome", client.nextType());
            assertTrue(client.awaitType("ticker"), "a ticker arrives on " + url);
            client.close();
        }
        List<String> commands = all(WS_COMMAND, readme);
        assertFalse(commands.isEmpty(), "README wscat commands");
        Client client = Client.open(local("ws://127.0.0.1:8787/ws"));
        assertEquals("welcome", client.nextType());
        for (String command : commands) {
            client.socket.sendText(command, true).join();
            assertEquals("subscriptions", client.nextTypeOtherThan("ticker", "snapshot", "replay_unavailable"),
                    "reply to " + command);
        }
        client.close();
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

    /** A JDK WebSocket client that queues whole text messages. */
    private static final class Client implements WebSocket.Listener {
        private static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z_]+)\"");
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Client open(URI uri) {
            Client client = new Client();
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client).join();
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        String nextType() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertTrue(message != null, "a message within 10 s");
            Matcher m = TYPE.matcher(message);
            assertTrue(m.find(), message);
            return m.group(1);
        }

        String nextTypeOtherThan(String... skipped) throws InterruptedException {
            while (true) {
                String type = nextType();
                if (!List.of(skipped).contains(type)) {
                    return type;
                }
            }
        }

        boolean awaitType(String wanted) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() - deadline < 0) {
                String message = messages.poll(1, TimeUnit.SECONDS);
                if (message != null && message.contains("\"type\":\"" + wanted + "\"")) {
                    return true;
                }
            }
            return false;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
