package dev.tickerplant.sim;

import static dev.tickerplant.testing.Json.at;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.market.Product;
import dev.tickerplant.sim.market.Tick;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What subscribers receive is exactly what the simulator logged as emitted: no gap, no repeat, same content. */
class EmittedLogConsistencyTest {

    private static final int PRODUCTS = 20;

    @Test
    void subscribersReceiveEveryEmittedTickOfTheirProducts() {
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(3_000).withSeed(11)
                .withControlPort(SimulatorOptions.DISABLED))) {
            List<String> products = sim.catalog().products().stream()
                    .filter(p -> p.trades() && p.quoteCurrency().equals("USD")).limit(PRODUCTS).map(Product::id).toList();
            String ids = "\"" + String.join("\",\"", products) + "\"";
            try (WebSocketClient advanced = WebSocketClient.connect(sim.advancedTradeUri());
                 WebSocketClient exchange = WebSocketClient.connect(sim.exchangeUri())) {
                advanced.send("{\"type\":\"subscribe\",\"product_ids\":[" + ids + "],\"channel\":\"ticker\"}");
                exchange.send("{\"type\":\"subscribe\",\"product_ids\":[" + ids + "],\"channels\":[\"ticker\"]}");
                await("a few thousand ticks").atMost(Duration.ofSeconds(10)).until(() -> sim.emitted().total() > 3_000);
                sim.pauseTicks();
                long emitted = sim.emitted().total();

                Map<String, List<Map<String, Object>>> advancedTickers = new HashMap<>();
                long expectedSeq = 0;
                while (!caughtUp(sim, products, advancedTickers, "volume_24_h")) {
                    Map<String, Object> frame = advanced.nextJson();
                    assertEquals(expectedSeq++, frame.get("sequence_num"), "contiguous sequence_num");
                    if (frame.get("channel").equals("ticker")) {
                        Map<String, Object> ticker = at(frame, "events", 0, "tickers", 0);
                        advancedTickers.computeIfAbsent((String) ticker.get("product_id"), id -> new ArrayList<>()).add(ticker);
                    }
                }
                Map<String, List<Map<String, Object>>> exchangeTickers = new HashMap<>();
                while (!caughtUp(sim, products, exchangeTickers, "volume_24h")) {
                    Map<String, Object> frame = exchange.nextJson();
                    if (frame.get("type").equals("ticker")) {
                        exchangeTickers.computeIfAbsent((String) frame.get("product_id"), id -> new ArrayList<>()).add(frame);
                    }
                }
                assertEquals(emitted, sim.emitted().total(), "nothing emitted while paused");
                int compared = 0;
                for (String product : products) {
                    compared += assertMatchesLog(sim.emitted().ticksFor(product), advancedTickers.get(product), "volume_24_h", "best_bid_quantity");
                    compared += assertMatchesLog(sim.emitted().ticksFor(product), exchangeTickers.get(product), "volume_24h", "best_bid_size");
                }
                assertTrue(compared > 2_000, "compared " + compared + " ticks");
            }
        }
    }

    /** True once the last ticker received for every product is that product's latest tick. */
    private static boolean caughtUp(Simulator sim, List<String> products, Map<String, List<Map<String, Object>>> received,
                                    String volumeField) {
        for (String product : products) {
            List<Map<String, Object>> tickers = received.get(product);
            if (tickers == null || !tickers.get(tickers.size() - 1).get(volumeField).equals(sim.latest().of(product).volume24h())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first ticker received is the snapshot; every later one must be the next emitted tick, field for field.
     * Returns how many updates were compared.
     */
    private static int assertMatchesLog(List<Tick> log, List<Map<String, Object>> received, String volumeField,
                                        String bidSizeField) {
        String snapshotVolume = (String) received.get(0).get(volumeField);
        int next = 0;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).volume24h().equals(snapshotVolume)) {
                next = i + 1;
            }
        }
        List<Tick> expected = log.subList(next, log.size());
        List<Map<String, Object>> updates = received.subList(1, received.size());
        assertEquals(expected.size(), updates.size(), "updates of " + log.get(0).productId());
        for (int i = 0; i < updates.size(); i++) {
            Tick tick = expected.get(i);
            Map<String, Object> ticker = updates.get(i);
            assertEquals(List.of(tick.price(), tick.volume24h(), tick.bestBid(), tick.bestAsk(), tick.bestBidQuantity()),
                    List.of(ticker.get("price"), ticker.get(volumeField), ticker.get("best_bid"), ticker.get("best_ask"),
                            ticker.get(bidSizeField)), tick.productId() + " emission " + tick.emission());
        }
        return updates.size();
    }
}
