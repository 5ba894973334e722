package dev.tickerplant.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tickerplant.sim.feed.SubscribeRateAction;
import dev.tickerplant.sim.testing.Await;
import dev.tickerplant.sim.testing.WsClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Coinbase's connection rules: subscribe deadline, connections per second, subscribe messages per second. */
class ConnectionRulesTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The rate windows read this clock, so a test decides what "within one second" means. */
    private final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);

    private SimulatorOptions options() {
        return SimulatorOptions.defaults().withTickRate(0).withNanoTime(nanoTime::get)
                .withControlPort(SimulatorOptions.DISABLED);
    }

    @Test
    void moreThanEightConnectionsWithinASecondAreAnsweredWith429() {
        try (Simulator sim = Simulator.start(options())) {
            List<WsClient> clients = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                clients.add(WsClient.connect(http, i % 2 == 0 ? sim.advancedTradeUri() : sim.exchangeUri()));
            }
            assertEquals(429, WsClient.rejectedStatus(http, sim.advancedTradeUri()));
            nanoTime.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_000));
            clients.add(WsClient.connect(http, sim.advancedTradeUri()));
            // The client may read the 101 before the server's handshake listener has counted the connection.
            Await.until("the ninth connection counted", Duration.ofSeconds(10),
                    () -> sim.stats().connectionsAccepted() == 9);
            SimulatorStats stats = sim.stats();
            assertEquals(9, stats.connectionsAccepted());
            assertEquals(1, stats.connectionsRejected());
            assertEquals(9, stats.maxConnectionOpensInAnyWindow(), "the rejected attempt shows how fast the client tried");
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void aConnectionWithoutAValidSubscribeIsClosedAfterTheDeadline() {
        try (Simulator sim = Simulator.start(options().withSubscribeTimeout(Duration.ofMillis(300)));
             WsClient idle = WsClient.connect(http, sim.advancedTradeUri());
             WsClient invalid = WsClient.connect(http, sim.exchangeUri());
             WsClient subscribed = WsClient.connect(http, sim.advancedTradeUri())) {
            invalid.send("{\"type\":\"subscribe\",\"channels\":[]}");
            subscribed.send("{\"type\":\"subscribe\",\"channel\":\"status\",\"product_ids\":[\"BTC-USD\"]}");
            idle.assertClosedWith(1000, "subscribe timeout", Duration.ofSeconds(5));
            invalid.assertClosedWith(1000, "subscribe timeout", Duration.ofSeconds(5));
            assertEquals("subscriptions", subscribed.nextJson().get("channel"));
            Await.holds("the subscribed connection to stay open", Duration.ofMillis(300), () -> !subscribed.ended());
        }
    }

    @Test
    void subscribeMessagesBeyondEightPerSecondAreRecordedAsViolations() {
        try (Simulator sim = Simulator.start(options());
             WsClient a = WsClient.connect(http, sim.advancedTradeUri());
             WsClient b = WsClient.connect(http, sim.exchangeUri())) {
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
             WsClient client = WsClient.connect(http, sim.advancedTradeUri())) {
            for (int i = 0; i < 3; i++) {
                client.send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
            }
            assertEquals("subscriptions", client.nextJson().get("channel"));
            assertEquals("subscriptions", client.nextJson().get("channel"));
            assertEquals(Map.of("type", "error", "message", "rate limit exceeded"), client.nextJson());
            nanoTime.addAndGet(TimeUnit.SECONDS.toNanos(1));
            client.send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
            Map<String, Object> ack = client.nextMatching(f -> "subscriptions".equals(f.get("channel")), WsClient.TIMEOUT);
            assertFalse(ack.isEmpty());
            assertEquals(1, sim.stats().subscribeRateViolations());
        }
    }
}
