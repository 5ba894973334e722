package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients share the batch buffers the ring consumer encoded: a client of every product and a client of a few take
 * slices of the same buffers, and once both are gone no slice is left holding a buffer (every reference count is back
 * to the batch's own, which the consumer then releases).
 */
class SharedBuffersTest {
    private static final int TICKS = 3_000;

    private final Harness harness = new Harness(Harness.options());

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void everySliceIsReleasedOnceTheClientsAreGone() {
        WebSocketClient everything = harness.client();
        Harness.subscribe(everything, "[\"*\"]", false);
        WebSocketClient some = harness.client();
        Harness.subscribe(some, "[\"ETH-USD\",\"DOGE-USD\"]", false);

        int wanted = 0;
        for (int i = 0; i < TICKS; i++) {
            String product = Harness.PRODUCTS.get(i % Harness.PRODUCTS.size());
            harness.market.tick(product, "3." + i);
            if (product.equals("ETH-USD") || product.equals("DOGE-USD")) {
                wanted++;
            }
        }
        List<Map<String, Object>> all = Harness.tickers(everything, TICKS);
        List<Map<String, Object>> subset = Harness.tickers(some, wanted);
        assertEquals(TICKS, all.size());
        for (int i = 0; i < TICKS; i++) {
            assertEquals((long) i + 1, ((Number) all.get(i).get("seq")).longValue(), "in order, none missing");
        }
        for (Map<String, Object> t : subset) {
            String product = (String) t.get("product_id");
            assertEquals(true, product.equals("ETH-USD") || product.equals("DOGE-USD"), product);
        }
        Harness.assertNothingElsePending(some);

        everything.close();
        some.close();
        TickDispatcher dispatcher = harness.server.dispatcher();
        await("clients left").atMost(Duration.ofSeconds(10)).until(() -> harness.server.view().subscriberCount() == 0);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertTrue(dispatcher.outstandingSlices() == 0,
                () -> dispatcher.outstandingSlices() + " slices still hold batch buffers"));
    }
}
