package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.testing.WebSocketClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loops' per-product index follows every subscription change: a tick reaches exactly the clients that want it,
 * after a subscribe, an unsubscribe, a switch from "*" to a list and back.
 */
class SubscriptionIndexTest {
    private final Harness harness = new Harness(Harness.options());

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void ticksReachExactlyTheClientsThatWantThemAsSubscriptionsChange() {
        WebSocketClient btc = harness.client();
        Harness.subscribe(btc, "[\"BTC-USD\"]", false);
        WebSocketClient switcher = harness.client();
        Harness.subscribe(switcher, "[\"ETH-USD\"]", false);
        WebSocketClient star = harness.client();
        Harness.subscribe(star, "[\"*\"]", false);

        tick("BTC-USD", "ETH-USD", "SOL-USD");
        assertEquals(List.of("BTC-USD"), products(btc, 1));
        assertEquals(List.of("ETH-USD"), products(switcher, 1));
        assertEquals(List.of("BTC-USD", "ETH-USD", "SOL-USD"), products(star, 3));

        switcher.send("{\"type\":\"unsubscribe\",\"products\":[\"ETH-USD\"]}");
        switcher.nextJson("subscriptions");
        Harness.subscribe(switcher, "[\"SOL-USD\"]", false);
        star.send("{\"type\":\"unsubscribe\",\"products\":[\"*\"]}");
        star.nextJson("subscriptions");
        Harness.subscribe(star, "[\"DOGE-USD\"]", false);

        tick("ETH-USD", "SOL-USD", "DOGE-USD", "BTC-USD");
        assertEquals(List.of("BTC-USD"), products(btc, 1));
        assertEquals(List.of("SOL-USD"), products(switcher, 1));
        assertEquals(List.of("DOGE-USD"), products(star, 1));

        Harness.subscribe(star, "[\"*\"]", false);
        tick("ADA-USD");
        assertEquals(List.of("ADA-USD"), products(star, 1));
        for (WebSocketClient client : List.of(btc, switcher, star)) {
            Harness.assertNothingElsePending(client);
        }
    }

    private void tick(String... products) {
        for (String p : products) {
            harness.market.tick(p, "5.0");
        }
        harness.market.awaitConsumed();
    }

    private static List<String> products(WebSocketClient client, int n) {
        return Harness.tickers(client, n).stream().map(t -> (String) t.get("product_id")).toList();
    }
}
