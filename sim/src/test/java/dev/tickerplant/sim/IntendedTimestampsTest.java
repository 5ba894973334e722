package dev.tickerplant.sim;

import static dev.tickerplant.testing.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.market.Tick;
import dev.tickerplant.sim.market.TickSchedule;
import dev.tickerplant.sim.testing.SimulatorFixture;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a constant schedule and intended timestamps, both feeds carry each trade's intended send time: the Advanced
 * Trade envelope {@code timestamp} (nine digits) and the Exchange {@code time} (six digits).
 */
class IntendedTimestampsTest {

    @RegisterExtension
    static final SimulatorFixture SIM = SimulatorFixture.of(SimulatorOptions.defaults().withTickRate(600).withSeed(3)
            .withSchedule(TickSchedule.constant(TickSchedule.ProductOrder.ROUND_ROBIN)).withIntendedTimestamps(true)
            .withControlPort(SimulatorOptions.DISABLED));

    /** The emitted tick of {@code product} with exactly this price and trade time, if any. */
    private Optional<Tick> emitted(String product, String price, Instant time) {
        return SIM.get().emitted().ticksFor(product).stream()
                .filter(t -> t.price().equals(price) && t.time().equals(time))
                .findFirst();
    }

    @Test
    void advancedTradeUpdatesCarryTheIntendedTimeAsTheEnvelopeTimestamp() {
        try (WebSocketClient client = WebSocketClient.connect(SIM.get().advancedTradeUri())) {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"ticker\"}");
            int updates = 0;
            while (updates < 4) {
                Map<String, Object> frame = client.nextJson();
                if (!"update".equals(at(frame, "events", 0, "type"))) {
                    continue;
                }
                String timestamp = (String) frame.get("timestamp");
                assertEquals(30, timestamp.length(), "nine fractional digits: " + timestamp);
                String product = (String) at(frame, "events", 0, "tickers", 0, "product_id");
                String price = (String) at(frame, "events", 0, "tickers", 0, "price");
                assertTrue(emitted(product, price, Instant.parse(timestamp)).isPresent(),
                        "an emitted " + product + " tick at " + price + " with intended time " + timestamp);
                updates++;
            }
        }
    }

    @Test
    void exchangeTickersCarryTheIntendedTimeToTheMicrosecond() {
        try (WebSocketClient client = WebSocketClient.connect(SIM.get().exchangeUri())) {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channels\":[\"ticker\"]}");
            assertEquals("subscriptions", client.nextJson().get("type"));
            client.nextJson(); // the last trade of each product, sent on subscribing
            client.nextJson();
            for (int i = 0; i < 4; i++) {
                Map<String, Object> ticker = client.nextJson();
                String product = (String) ticker.get("product_id");
                long tradeId = (long) ticker.get("trade_id");
                Tick tick = SIM.get().emitted().ticksFor(product).stream().filter(t -> t.tradeId() == tradeId)
                        .findFirst().orElseThrow();
                assertEquals(tick.time().truncatedTo(ChronoUnit.MICROS), Instant.parse((String) ticker.get("time")));
            }
        }
    }
}
