package dev.tickerplant.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.WebSocketClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private final List<WebSocketClient> clients = new ArrayList<>();
    private Simulator sim;
    private Daemon daemon;

    @AfterEach
    void stop() {
        clients.forEach(WebSocketClient::close);
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

        WebSocketClient nativeClient = open("/ws");
        assertTrue(nativeClient.next().contains("\"type\":\"welcome\""));
        WebSocketClient advancedTrade = open("/coinbase/advanced-trade");
        advancedTrade.send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
        assertTrue(advancedTrade.next().contains("\"channel\":\"subscriptions\""));
        WebSocketClient exchange = open("/coinbase/exchange");
        exchange.send("{\"type\":\"subscribe\",\"channels\":[{\"name\":\"heartbeat\","
                + "\"product_ids\":[\"BTC-USD\"]}]}");
        assertTrue(exchange.next().contains("\"type\":\"subscriptions\""));

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

    private WebSocketClient open(String path) {
        WebSocketClient client = WebSocketClient.connect(daemon.fanout().port(), path);
        clients.add(client);
        return client;
    }

    private String get(String path) {
        HttpResponse<String> response = Http.get(daemon.fanout().port(), path);
        assertEquals(200, response.statusCode(), path + " -> " + response.body());
        return response.body();
    }
}
