package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Plug-in endpoints on their own paths, through the SPI alone: their clients get ticks in the plug-in's encoding for
 * the products they follow (shared frames, or a payload each client frames with its own counter), the plug-in's share
 * of each loop hears of every ticker, the server's limits apply to them, and a tick is encoded for a plug-in only while
 * it has a client.
 */
class PluginEndpointTest {
    private static final String FRAMES = "/test/frames";
    private static final String PAYLOADS = "/test/payloads";

    private final TestPlugin frames = TestPlugin.frames(FRAMES);
    private final TestPlugin payloads = TestPlugin.payloads(PAYLOADS);
    private Harness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void sharedFramesReachTheClientsOfTheirProductsOnly() {
        harness = new Harness(Harness.options(), List.of(frames, payloads));
        WebSocketClient btc = follow(FRAMES, "BTC-USD");
        WebSocketClient eth = follow(FRAMES, "ETH-USD");
        WebSocketClient all = harness.client();
        Harness.subscribe(all, "[\"*\"]", false);

        harness.market.tick("BTC-USD", "1.5");
        harness.market.tick("ETH-USD", "2.5");
        harness.market.tick("BTC-USD", "1.75");

        assertEquals(Map.of("type", "tick", "product_id", "BTC-USD", "price", "1.5"), btc.nextJson());
        assertEquals(Map.of("type", "tick", "product_id", "BTC-USD", "price", "1.75"), btc.nextJson());
        assertEquals(Map.of("type", "tick", "product_id", "ETH-USD", "price", "2.5"), eth.nextJson());
        assertEquals(3, Harness.tickers(all, 3).size(), "native clients are not affected");
        assertEquals(3, frames.encoded());
        assertEquals(0, payloads.encoded(), "no client of it: not encoded");
        btc.send("seen");
        assertEquals(3L, btc.nextJson("seen").get("count"), "its loop's share heard of every ticker");

        List<SubscriberView> views = harness.server.view().subscribers();
        assertTrue(views.stream().anyMatch(v -> v.protocol().equals("test-frames")
                && v.subscriptions().equals(List.of("ticker:BTC-USD"))), views.toString());
    }

    @Test
    void payloadsAreFramedPerClientWithItsOwnCounter() {
        harness = new Harness(Harness.options(), List.of(frames, payloads));
        WebSocketClient early = follow(PAYLOADS, "SOL-USD");
        harness.market.tick("SOL-USD", "10");
        assertEquals(Map.of("type", "tick", "n", 0L, "product_id", "SOL-USD", "price", "10"), early.nextJson());

        WebSocketClient late = follow(PAYLOADS, "SOL-USD");
        harness.market.tick("SOL-USD", "11");
        assertEquals(Map.of("type", "tick", "n", 1L, "product_id", "SOL-USD", "price", "11"), early.nextJson());
        assertEquals(Map.of("type", "tick", "n", 0L, "product_id", "SOL-USD", "price", "11"), late.nextJson());
    }

    @Test
    void aTickIsEncodedForAPluginOnlyWhileItHasAClient() {
        harness = new Harness(Harness.options(), List.of(frames));
        WebSocketClient native1 = harness.client();
        Harness.subscribe(native1, "[\"*\"]", false);
        WebSocketClient client = follow(FRAMES, "BTC-USD");
        harness.market.tick("BTC-USD", "1");
        assertEquals("tick", client.nextJson().get("type"));
        Harness.tickers(native1, 1);
        assertEquals(1, frames.encoded());

        client.close();
        await("client left").atMost(Duration.ofSeconds(10)).until(() -> harness.server.view().subscriberCount() == 1);
        harness.market.tick("BTC-USD", "2");
        Harness.tickers(native1, 1); // the dispatcher handed this tick to the loops: it is done encoding it
        assertEquals(1, frames.encoded());
    }

    @Test
    void aFailingEncodingCostsItsOwnClientsThatTickOnly() {
        harness = new Harness(Harness.options(), List.of(frames));
        WebSocketClient native1 = harness.client();
        Harness.subscribe(native1, "[\"BTC-USD\"]", false);
        WebSocketClient client = follow(FRAMES, "BTC-USD");
        harness.market.tick("BTC-USD", "12");
        harness.market.tick("BTC-USD", TestPlugin.FAILING_PRICE);
        harness.market.tick("BTC-USD", "14");

        assertEquals(3, Harness.tickers(native1, 3).size());
        assertEquals(Map.of("type", "tick", "product_id", "BTC-USD", "price", "12"), client.nextJson());
        assertEquals(Map.of("type", "tick", "product_id", "BTC-USD", "price", "14"), client.nextJson());
    }

    @Test
    void aFullServerRefusesAPluginClientInItsProtocol() {
        harness = new Harness(Harness.options().withMaxClients(1), List.of(frames));
        harness.client();
        WebSocketClient refused = harness.connect(FRAMES);
        Map<String, Object> refusal = refused.nextJson();
        assertEquals("refused", refusal.get("type"));
        assertTrue(((String) refusal.get("message")).contains("try again later"), refusal.toString());
        assertEquals(CloseCodes.TRY_AGAIN_LATER, refused.awaitClose());
    }

    @Test
    void pathsMustBeDistinctAndNotTheNativeOne() {
        TestMarket market = new TestMarket(Harness.PRODUCTS);
        try {
            for (List<EndpointPlugin> plugins : List.of(List.<EndpointPlugin>of(frames, TestPlugin.payloads(FRAMES)),
                    List.<EndpointPlugin>of(TestPlugin.frames("/ws")),
                    List.<EndpointPlugin>of(TestPlugin.frames("relative")))) {
                assertThrows(IllegalArgumentException.class, () -> new FanoutServer(Harness.options(), market.market,
                        List::of, null, Duration.ofSeconds(1), System::nanoTime, plugins), plugins.toString());
            }
        } finally {
            market.close();
        }
    }

    private WebSocketClient follow(String path, String product) {
        WebSocketClient client = harness.connect(path);
        client.send(product);
        assertEquals(Map.of("type", "ok", "product_id", product), client.nextJson());
        return client;
    }
}
