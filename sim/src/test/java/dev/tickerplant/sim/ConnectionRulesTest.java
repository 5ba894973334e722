package dev.tickerplant.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tickerplant.sim.feed.SubscribeRateAction;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Coinbase's connection rules: connections per second, subscribe messages per second (the subscribe deadline, which
 * takes seconds of real time, is {@link SubscribeDeadlineTest}).
 */
class ConnectionRulesTest {

    /** The rate windows read this clock, so a test decides what "within one second" means. */
    private final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);

    private SimulatorOptions options() {
        return SimulatorOptions.defaults().withTickRate(0).withNanoTime(nanoTime::get)
                .withControlPort(SimulatorOptions.DISABLED);
    }

    @Test
    void moreThanEightConnectionsWithinASecondAreAnsweredWith429() {
        try (Simulator sim = Simulator.start(options())) {
            List<WebSocketClient> clients = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                clients.add(WebSocketClient.connect(i % 2 == 0 ? sim.advancedTradeUri() : sim.exchangeUri()));
            }
            assertEquals(429, WebSocketClient.upgradeStatus(sim.advancedTradeUri()));
            nanoTime.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_000));
            clients.add(WebSocketClient.connect(sim.advancedTradeUri()));
            // The client may read the 101 before the server's handshake listener has counted the connection.
            await("the ninth connection counted").atMost(Duration.ofSeconds(10))
                    .until(() -> sim.stats().connectionsAccepted() == 9);
            SimulatorStats stats = sim.stats();
            assertEquals(9, stats.connectionsAccepted());
            assertEquals(1, stats.connectionsRejected());
            assertEquals(9, stats.maxConnectionOpensInAnyWindow(), "the rejected attempt shows how fast the client tried");
            clients.forEach(WebSocketClient::close);
        }
    }

    @Test
    void subscribeMessagesBeyondEightPerSecondAreRecordedAsViolations() {
        try (Simulator sim = Simulator.start(options());
             WebSocketClient a = WebSocketClient.connect(sim.advancedTradeUri());
             WebSocketClient b = WebSocketClient.connect(sim.exchangeUri())) {
            for (int i = 0; i < 5; i++) {
                a.send("{\"type\":\"subscribe\",\"channel\":\"status\",\"product_ids\":[\"BTC-USD\"]}");
                b.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"status\"]}");
            }
            for (int i = 0; i < 5; i++) {
                assertEquals("subscriptions", a.nextJson().get("channel"), "recorded, still processed");
                assertEquals("subscriptions", b.nextJson().get("type"));
            }
            SimulatorStats stats = sim.stats();
            assertEquals(10, stats.maxSubscribeMessagesInAnyWindow(), "counted per IP across connections");
            assertEquals(2, stats.subscribeRateViolations());
        }
    }

    @Test
    void withTheErrorActionExcessSubscribesGetAnErrorFrameInstead() {
        try (Simulator sim = Simulator.start(options().withSubscribeRateAction(SubscribeRateAction.ERROR_FRAME)
                .withMaxSubscribeMessagesPerSecond(2));
             WebSocketClient client = WebSocketClient.connect(sim.advancedTradeUri())) {
            for (int i = 0; i < 3; i++) {
                client.send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
            }
            assertEquals("subscriptions", client.nextJson().get("channel"));
            assertEquals("subscriptions", client.nextJson().get("channel"));
            assertEquals(Map.of("type", "error", "message", "rate limit exceeded"), client.nextJson());
            nanoTime.addAndGet(TimeUnit.SECONDS.toNanos(1));
            client.send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
            Map<String, Object> ack = client.nextJson(f -> "subscriptions".equals(f.get("channel")));
            assertFalse(ack.isEmpty());
            assertEquals(1, sim.stats().subscribeRateViolations());
        }
    }
}
