package dev.tickerplant.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Coinbase's subscribe deadline: a connection that sends no valid subscribe in time is closed. Real seconds. */
@EndToEnd
class SubscribeDeadlineTest {

    private static SimulatorOptions options() {
        return SimulatorOptions.defaults().withTickRate(0).withControlPort(SimulatorOptions.DISABLED);
    }

    @Test
    void aConnectionWithoutAValidSubscribeIsClosedAfterTheDeadline() {
        // Long enough that the subscribed client's subscribe arrives in time on a busy machine; the other two are
        // closed once it has passed, which also tells that the subscribed one's deadline has passed.
        try (Simulator sim = Simulator.start(options().withSubscribeTimeout(Duration.ofSeconds(3)));
             WebSocketClient idle = WebSocketClient.connect(sim.advancedTradeUri());
             WebSocketClient invalid = WebSocketClient.connect(sim.exchangeUri());
             WebSocketClient subscribed = WebSocketClient.connect(sim.advancedTradeUri())) {
            invalid.send("{\"type\":\"subscribe\",\"channels\":[]}");
            subscribed.send("{\"type\":\"subscribe\",\"channel\":\"status\",\"product_ids\":[\"BTC-USD\"]}");
            idle.assertClosedWith(1000, "subscribe timeout");
            invalid.assertClosedWith(1000, "subscribe timeout");
            assertEquals("subscriptions", subscribed.nextJson().get("channel"));
            await("the subscribed connection to stay open").during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(10)).until(() -> !subscribed.ended());
        }
    }
}
