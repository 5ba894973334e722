package dev.tickerplant.compat;

import static dev.tickerplant.compat.Message.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /coinbase/exchange} over a real socket: every rule of the Exchange feed protocol it serves. */
class ExchangeEndpointTest {
    private static final CompatOptions FAST = CompatOptions.defaults()
            .withIntervals(Duration.ofMillis(200), Duration.ofMillis(400));
    /** The 2026 live capture (protocol reference B.4.2), byte for byte. */
    private static final String CAPTURED_TICKER = "{\"type\":\"ticker\",\"sequence\":137212619516,\"product_id\":"
            + "\"BTC-USD\",\"price\":\"84737.58\",\"open_24h\":\"84430.55\",\"volume_24h\":\"1836.96781750\","
            + "\"low_24h\":\"84400\",\"high_24h\":\"85021.57\",\"volume_30d\":\"175984.53012145\",\"best_bid\":"
            + "\"84737.58\",\"best_bid_size\":\"0.19921154\",\"best_ask\":\"84737.59\",\"best_ask_size\":"
            + "\"0.05223077\",\"side\":\"sell\",\"time\":\"2026-10-03T20:58:31.127510Z\",\"trade_id\":1102042811,"
            + "\"last_size\":\"0.00000025\"}";

    private CompatServer server;
    private final List<WebSocketClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(WebSocketClient::close);
        server.close();
    }

    private WebSocketClient client() {
        WebSocketClient c = server.client(CoinbaseProtocol.EXCHANGE);
        clients.add(c);
        return c;
    }

    @Test
    void subscribeAcksThenSendsTheLatestTickerThenEveryTickAsCoinbaseWritesIt() {
        server = new CompatServer(FAST);
        server.exchange("BTC-USD", "84737.58");
        server.awaitConsumed();
        WebSocketClient client = client();

        client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\","
                + "{\"name\":\"ticker\",\"product_ids\":[\"ETH-USD\"]}]}");
        Message ack = Message.next(client);
        Message last = Message.next(client);
        server.exchange("ETH-USD", "2500.10");
        Message live = Message.next(client);

        assertEquals("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\","
                + "\"ETH-USD\"],\"account_ids\":null}]}", ack.text());
        assertEquals(CAPTURED_TICKER, last.text(), "the latest tick, exact bytes and Coinbase's key order");
        assertEquals("ETH-USD", live.get("product_id"));
        assertEquals("2500.10", live.get("price"));
        assertEquals(137_212_619_517L, live.get("sequence"));
        assertEquals(1_102_042_812L, live.get("trade_id"));
        assertEquals("exchange", server.server.view().subscribers().get(0).protocol());
        assertEquals(List.of("ticker:BTC-USD", "ticker:ETH-USD"),
                server.server.view().subscribers().get(0).subscriptions());
    }

    @Test
    void anAdvancedTradeSourcedTickLeavesOutWhatAdvancedTradeDoesNotHave() {
        server = new CompatServer(FAST);
        WebSocketClient client = client();
        client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}");
        Message.next(client, type("subscriptions"));

        server.advancedTrade("BTC-USD", "79914.6");

        Message ticker = Message.next(client, type("ticker"));
        assertEquals("{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"price\":\"79914.6\",\"volume_24h\":"
                + "\"14174.1\",\"low_24h\":\"79445\",\"high_24h\":\"80206\",\"best_bid\":\"79914.5\","
                + "\"best_bid_size\":\"0.7944\",\"best_ask\":\"79914.6\",\"best_ask_size\":\"0.7554\"}",
                ticker.text());
    }

    @Test
    void heartbeatsComeOncePerIntervalPerProductWithItsLatestSequenceAndTradeId() {
        server = new CompatServer(FAST);
        long seq = server.exchange("ETH-USD", "1.5");
        server.awaitConsumed();
        WebSocketClient client = client();
        client.send("{\"type\":\"subscribe\",\"channels\":[{\"name\":\"heartbeat\",\"product_ids\":[\"ETH-USD\","
                + "\"SOL-USD\"]}]}");
        assertEquals("[{name=heartbeat, product_ids=[ETH-USD, SOL-USD], account_ids=null}]",
                String.valueOf(Message.next(client).get("channels")));

        List<Message> beats = List.of(Message.next(client), Message.next(client), Message.next(client),
                Message.next(client));

        Map<Object, List<Message>> byProduct = beats.stream().collect(Collectors.groupingBy(m -> m.get("product_id")));
        assertEquals(2, byProduct.get("ETH-USD").size(), beats.toString());
        assertEquals(2, byProduct.get("SOL-USD").size(), beats.toString());
        Message eth = byProduct.get("ETH-USD").get(0);
        assertEquals(137_212_619_516L + seq - 1, eth.get("sequence"));
        assertEquals(1_102_042_811L + seq - 1, eth.get("last_trade_id"));
        assertTrue(eth.text().matches("\\{\"type\":\"heartbeat\",\"last_trade_id\":\\d+,\"product_id\":\"ETH-USD\","
                + "\"sequence\":\\d+,\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z\"}"), eth.text());
        assertEquals("{\"type\":\"heartbeat\",\"product_id\":\"SOL-USD\",\"time\":\"" + byProduct.get("SOL-USD")
                .get(0).get("time") + "\"}", byProduct.get("SOL-USD").get(0).text(), "no tick yet: no ids to give");
    }

    @Test
    void aRequestWithAnyInvalidPartFailsWholeWithCoinbasesReasonsAndChangesNothing() {
        server = new CompatServer(FAST);
        WebSocketClient client = client();
        assertEquals("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"No channels provided\"}",
                request(client, "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"]}"));
        assertEquals("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"BTC-USX is not a valid "
                + "product\"}", request(client, "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"BTC-USX\"],"
                + "\"channels\":[\"ticker\"]}"));
        assertEquals("You need to specify at least one product ID for channel heartbeat", parse(request(client,
                "{\"type\":\"subscribe\",\"channels\":[\"heartbeat\"]}")).get("reason"));
        assertEquals("matches is not served by tickerplant: expected ticker or heartbeat", parse(request(client,
                "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\",\"matches\"]}"))
                .get("reason"));
        assertEquals(" is not a valid product", parse(request(client, "{\"type\":\"subscribe\",\"product_ids\":"
                + "[\"BTC-USD\"],\"channels\":[{\"name\":\"ticker\",\"product_ids\":[]}]}")).get("reason"));
        assertEquals("Malformed JSON", parse(request(client, "[1,2]")).get("message"));

        // Nothing above was applied: the first valid subscribe acks only itself.
        assertEquals("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"ticker\",\"product_ids\":[\"SOL-USD\"],"
                + "\"account_ids\":null}]}", request(client, "{\"type\":\"subscribe\",\"product_ids\":[\"SOL-USD\"],"
                + "\"channels\":[\"ticker\"]}"));
        assertFalse(client.ended());
    }

    @Test
    void productsAreNamedExactlyAsCoinbaseNamesThemNotByTheShorthandOfTheProductsSetting() {
        server = new CompatServer(FAST);
        WebSocketClient client = client();

        // Coinbase refuses "BTC"; ids are matched exactly as Coinbase spells them, not by the products setting's rule.
        for (String id : List.of("BTC", "btc-usd")) {
            assertEquals("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"" + id
                    + " is not a valid product\"}", request(client, "{\"type\":\"subscribe\",\"product_ids\":[\""
                    + id + "\"],\"channels\":[\"ticker\"]}"));
        }
    }

    @Test
    void whatTheClientSentIsEchoedEscapedAndCut() {
        server = new CompatServer(FAST);
        WebSocketClient client = client();
        assertEquals("BTC-USD\\n\\u001b[2J is not a valid product", parse(request(client,
                "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\\n\\u001b[2J\"],\"channels\":[\"ticker\"]}"))
                .get("reason"));
        assertEquals("tick\\u00e9r is not a valid channel", parse(request(client,
                "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"tick\\u00e9r\"]}"))
                .get("reason"));
        assertEquals("Y".repeat(64) + "... is not a valid product", parse(request(client,
                "{\"type\":\"subscribe\",\"product_ids\":[\"" + "Y".repeat(5000) + "\"],\"channels\":[\"ticker\"]}"))
                .get("reason"));
        assertEquals("type \"sub\\nscribe\" is not valid: expected subscribe or unsubscribe", parse(request(client,
                "{\"type\":\"sub\\nscribe\"}")).get("reason"));
    }

    @Test
    void unsubscribeRemovesProductsOrWholeChannelsAndIgnoresChannelsNotServed() {
        server = new CompatServer(FAST);
        WebSocketClient client = client();
        request(client, "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channels\":[\"ticker\","
                + "\"heartbeat\"]}");

        String ack = request(client, "{\"type\":\"unsubscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":"
                + "[\"ticker\"]}");
        assertEquals("[{name=ticker, product_ids=[ETH-USD], account_ids=null}, {name=heartbeat, product_ids=[BTC-USD, "
                + "ETH-USD], account_ids=null}]", String.valueOf(parse(ack).get("channels")));
        // What XChange sends when it disconnects: every channel it knows, without products.
        String all = request(client, "{\"type\":\"unsubscribe\",\"channels\":[{\"name\":\"level2\",\"product_ids\":null},"
                + "{\"name\":\"matches\",\"product_ids\":null},{\"name\":\"ticker\",\"product_ids\":null},"
                + "{\"name\":\"heartbeat\",\"product_ids\":null}]}");
        assertEquals("{\"type\":\"subscriptions\",\"channels\":[]}", all);
        server.exchange("ETH-USD", "9");
        assertTrue(Message.during(client, Duration.ofMillis(500)).isEmpty(), "nothing after unsubscribing everything");
    }

    /** Sends a request and returns the next message that is not a heartbeat or ticker. */
    private static String request(WebSocketClient client, String json) {
        client.send(json);
        return Message.next(client, m -> !"heartbeat".equals(m.get("type")) && !"ticker".equals(m.get("type"))).text();
    }

    private static Map<String, Object> parse(String text) {
        return Json.object(text);
    }
}
