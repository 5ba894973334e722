package dev.tickerplant.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon plugs the Coinbase-compatible endpoints into its fanout server: a client of each answers on its path,
 * {@code /api/connections} names each client's protocol as before ({@code native}, {@code advanced-trade},
 * {@code exchange}) with its subscriptions, and {@code /metrics} counts them all as subscribers.
 */
class CompatEndpointsTest {
    private static final Pattern PROTOCOL = Pattern.compile("\"protocol\":\"([a-z-]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebSocket> sockets = new ArrayList<>();
    private Simulator sim;
    private Daemon daemon;

    @AfterEach
    void stop() {
        sockets.forEach(WebSocket::abort);
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void compatClientsAreServedAndReportedWithTheirProtocols() throws Exception {
        sim = Simulator.start(SimulatorOptions.defaults().withTickRate(50));
        Path cache = Files.createTempDirectory("compat").resolve("cache.json");
        daemon = Daemon.start(SettingsLoader.load(new String[] {"--upstream-url", sim.advancedTradeUri().toString(),
                "--rest-url", sim.restBaseUri().toString(), "--catalog-cache-file", cache.toString(),
                "--listen-port", "0", "--products", "BTC-USD,ETH-USD"}, Map.of()));

        BlockingQueue<String> nativeMessages = open("/ws");
        assertTrue(next(nativeMessages).contains("\"type\":\"welcome\""));
        BlockingQueue<String> advancedTrade = open("/coinbase/advanced-trade");
        sockets.get(1).sendText("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}", true).join();
        assertTrue(next(advancedTrade).contains("\"channel\":\"subscriptions\""));
        BlockingQueue<String> exchange = open("/coinbase/exchange");
        sockets.get(2).sendText("{\"type\":\"subscribe\",\"channels\":[{\"name\":\"heartbeat\","
                + "\"product_ids\":[\"BTC-USD\"]}]}", true).join();
        assertTrue(next(exchange).contains("\"type\":\"subscriptions\""));

        String connections = get("/api/connections");
        List<String> protocols = new ArrayList<>();
        Matcher m = PROTOCOL.matcher(connections);
        while (m.find()) {
            protocols.add(m.group(1));
        }
        assertEquals(List.of("advanced-trade", "exchange", "native"), protocols.stream().sorted().toList(),
                connections);
        assertTrue(connections.contains("\"heartbeats\"") && connections.contains("\"heartbeat:BTC-USD\""),
                connections);
        assertTrue(get("/metrics").contains("\ntickerplant_subscribers 3.0\n"));
    }

    private BlockingQueue<String> open(String path) {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        sockets.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + daemon.fanout().port()
                + path), new Collector(messages)).join());
        return messages;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + daemon.fanout().port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + " -> " + response.body());
        return response.body();
    }

    private static String next(BlockingQueue<String> messages) throws InterruptedException {
        String message = messages.poll(10, TimeUnit.SECONDS);
        assertTrue(message != null, "a message within 10 s");
        return message;
    }

    /** Queues whole text messages. */
    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<String> messages;
        private final StringBuilder partial = new StringBuilder();

        Collector(BlockingQueue<String> messages) {
            this.messages = messages;
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
    }
}
