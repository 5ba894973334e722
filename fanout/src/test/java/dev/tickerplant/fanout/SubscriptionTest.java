package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubscriptionTest {
    private final Harness harness = new Harness(Harness.options());
    private final TestMarket market = harness.market;

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void welcomeDescribesTheServerAndItsLimits() {
        WebSocketClient client = harness.track(Harness.open(harness.port(), "/ws"));

        Map<String, Object> welcome = client.nextJson("welcome");

        assertTrue(((String) welcome.get("client_id")).matches("c-\\d+"), welcome.toString());
        assertEquals("dev", welcome.get("version"));
        assertEquals(30L, welcome.get("heartbeat_interval_s"));
        assertEquals(List.of("ticker", "status", "alerts"), welcome.get("channels"));
        assertEquals(10L, welcome.get("product_count"));
        assertEquals(Map.of("max_subscriptions", 1000L, "commands_per_second", 20L, "max_frame_bytes", 65536L),
                welcome.get("limits"));
        await("client not counted").atMost(WebSocketClient.WAIT)
                .until(() -> harness.server.view().subscriberCount() == 1);
        SubscriberView view = harness.server.view().subscribers().get(0);
        assertEquals(welcome.get("client_id"), view.id());
        assertEquals("native", view.protocol());
        assertTrue(view.remoteAddress().startsWith("127.0.0.1:"), view.remoteAddress());
    }

    @Test
    void snapshotThenEveryTickOfTheSubscribedProductsInOrderAndNothingElse() {
        market.tick("BTC-USD", "100.10");
        market.tick("ETH-USD", "2000.00");
        market.tick("BTC-USD", "100.20");
        market.tick("SOL-USD", "150");
        market.awaitConsumed();
        WebSocketClient client = harness.client();

        client.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\",\"ETH-USD\"]}");

        assertEquals(Map.of("ticker", List.of("BTC-USD", "ETH-USD"), "status", List.of(), "alerts", List.of()),
                client.nextJson("subscriptions").get("channels"));
        List<Object> snapshot = Json.list(client.nextJson("snapshot").get("tickers"));
        assertEquals(2, snapshot.size());
        assertEquals(Map.of("product_id", "BTC-USD", "price", "100.20", "seq", 3L),
                pick(Json.map(snapshot.get(0)), "product_id", "price", "seq"));
        assertEquals(Map.of("product_id", "ETH-USD", "price", "2000.00", "seq", 2L),
                pick(Json.map(snapshot.get(1)), "product_id", "price", "seq"));

        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String product = Harness.PRODUCTS.get(i % 3);
            long seq = market.tick(product, "1" + i + ".5");
            if (!product.equals("SOL-USD")) {
                expected.add(seq);
            }
        }
        List<Map<String, Object>> tickers = Harness.tickers(client, expected.size());

        assertEquals(expected, seqs(tickers));
        assertEquals("10.5", tickers.get(0).get("price"));
        assertEquals("BTC-USD", tickers.get(0).get("product_id"));
        Harness.assertNothingElsePending(client);
        SubscriberView view = harness.server.view().subscribers().get(0);
        assertEquals(List.of("ticker:BTC-USD", "ticker:ETH-USD"), view.subscriptions());
        await("latency samples missing").atMost(WebSocketClient.WAIT)
                .until(() -> harness.server.view().receiveToWritten().cumulative().getTotalCount() >= expected.size());
    }

    @Test
    void wildcardGetsEveryProductIncludingOnesWithoutASnapshotYet() {
        market.tick("DOT-USD", "5");
        market.awaitConsumed();
        WebSocketClient client = harness.client();
        client.send("{\"type\":\"subscribe\",\"products\":[\"*\"]}");
        assertEquals(List.of("*"), Json.map(client.nextJson("subscriptions").get("channels")).get("ticker"));
        assertEquals(1, Json.list(client.nextJson("snapshot").get("tickers")).size());

        List<Long> expected = new ArrayList<>();
        for (String product : Harness.PRODUCTS) {
            expected.add(market.tick(product, "1.0"));
        }

        assertEquals(expected, seqs(Harness.tickers(client, expected.size())));
        Harness.assertNothingElsePending(client);
    }

    @Test
    void unsubscribeStopsOnlyThatProduct() {
        WebSocketClient client = harness.client();
        Harness.subscribe(client, "[\"BTC-USD\",\"ETH-USD\"]", false);

        client.send("{\"type\":\"unsubscribe\",\"products\":[\"ETH-USD\"]}");

        assertEquals(List.of("BTC-USD"), Json.map(client.nextJson("subscriptions").get("channels")).get("ticker"));
        market.tick("ETH-USD", "1");
        long btc = market.tick("BTC-USD", "2");
        market.tick("ETH-USD", "3");
        assertEquals(List.of(btc), seqs(Harness.tickers(client, 1)));
        Harness.assertNothingElsePending(client);

        client.send("{\"type\":\"unsubscribe\",\"products\":[\"*\"]}");
        assertEquals(List.of(), Json.map(client.nextJson("subscriptions").get("channels")).get("ticker"));
        market.tick("BTC-USD", "4");
        market.awaitConsumed();
        Harness.assertNothingElsePending(client);
    }

    @Test
    void queryStringSubscribesAtConnect() {
        market.tick("ETH-USD", "2000");
        market.awaitConsumed();

        WebSocketClient client = harness.connect("/ws?products=BTC-USD,ETH-USD");

        client.nextJson("welcome");
        assertEquals(List.of("BTC-USD", "ETH-USD"),
                Json.map(client.nextJson("subscriptions").get("channels")).get("ticker"));
        assertEquals(1, Json.list(client.nextJson("snapshot").get("tickers")).size());
        long seq = market.tick("BTC-USD", "1");
        assertEquals(List.of(seq), seqs(Harness.tickers(client, 1)));
    }

    @Test
    void productsAreNamedByTheRuleOfTheProductsSetting() {
        market.tick("ETH-USD", "2000");
        market.awaitConsumed();
        WebSocketClient client = harness.client();

        // Any case; a bare base currency is that base in the quote currency (USD here); one product named twice is one.
        client.send("{\"type\":\"subscribe\",\"products\":[\"btc\",\"Eth-Usd\",\"BTC-USD\"]}");

        assertEquals(List.of("BTC-USD", "ETH-USD"),
                Json.map(client.nextJson("subscriptions").get("channels")).get("ticker"));
        assertEquals("ETH-USD", Json.map(Json.list(client.nextJson("snapshot").get("tickers")).get(0)).get("product_id"));
        assertEquals(List.of("ticker:BTC-USD", "ticker:ETH-USD"),
                harness.server.view().subscribers().get(0).subscriptions());
        client.send("{\"type\":\"unsubscribe\",\"products\":[\"ETH\"]}");
        assertEquals(List.of("BTC-USD"), Json.map(client.nextJson("subscriptions").get("channels")).get("ticker"));
        long btc = market.tick("BTC-USD", "1");
        assertEquals(List.of(btc), seqs(Harness.tickers(client, 1)));

        client.send("{\"type\":\"subscribe\",\"products\":[\"NOPE\"]}");
        Map<String, Object> error = client.nextJson("error");
        assertEquals("unknown_product", error.get("code"));
        assertEquals("NOPE", Json.map(error.get("details")).get("product"), "the error names what the client sent");

        WebSocketClient byQuery = harness.connect("/ws?products=sol,ETH");
        byQuery.nextJson("welcome");
        assertEquals(List.of("ETH-USD", "SOL-USD"),
                Json.map(byQuery.nextJson("subscriptions").get("channels")).get("ticker"));
    }

    @Test
    void minChangePctPushesATickerOnlyWhenThePriceMovedThatMuchSinceTheLastOneSent() {
        WebSocketClient client = harness.client();
        client.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"min_change_pct\":1,\"snapshot\":false}");
        client.nextJson("subscriptions");

        for (String price : new String[] {"100", "100.5", "100.99", "101", "101.5", "99.9", "99.0", "98.9"}) {
            market.tick("BTC-USD", price);
        }

        List<Object> prices = Harness.tickers(client, 4).stream().map(t -> t.get("price")).toList();
        assertEquals(List.of("100", "101", "99.9", "98.9"), prices);
        Harness.assertNothingElsePending(client);
    }

    @Test
    void hundredClientsWithDifferentProductSetsEachGetExactlyTheirs() {
        int clientCount = 100;
        List<WebSocketClient> clients = new ArrayList<>();
        List<List<String>> wanted = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            List<String> products = new ArrayList<>();
            for (int p = 0; p < Harness.PRODUCTS.size(); p++) {
                if ((p * 7 + c) % 3 == 0 || c % 10 == p) {
                    products.add(Harness.PRODUCTS.get(p));
                }
            }
            WebSocketClient client = harness.client();
            Harness.subscribe(client, Json.strings(products), false);
            clients.add(client);
            wanted.add(products);
        }
        List<List<Long>> expected = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            expected.add(new ArrayList<>());
        }

        for (int i = 0; i < 300; i++) {
            String product = Harness.PRODUCTS.get((i * 31 + i / 7) % Harness.PRODUCTS.size());
            long seq = market.tick(product, "1." + i);
            for (int c = 0; c < clientCount; c++) {
                if (wanted.get(c).contains(product)) {
                    expected.get(c).add(seq);
                }
            }
        }

        for (int c = 0; c < clientCount; c++) {
            WebSocketClient client = clients.get(c);
            List<Map<String, Object>> tickers = Harness.tickers(client, expected.get(c).size());
            assertEquals(expected.get(c), seqs(tickers), "client " + c);
            Harness.assertNothingElsePending(client);
        }
        assertEquals(clientCount, harness.server.view().subscriberCount());
    }

    static List<Long> seqs(List<Map<String, Object>> tickers) {
        return tickers.stream().map(t -> (Long) t.get("seq")).toList();
    }

    private static Map<String, Object> pick(Map<String, Object> m, String... keys) {
        Map<String, Object> picked = new java.util.LinkedHashMap<>();
        for (String k : keys) {
            picked.put(k, m.get(k));
        }
        return picked;
    }
}
