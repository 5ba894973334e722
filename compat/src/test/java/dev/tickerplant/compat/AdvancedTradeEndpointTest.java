package dev.tickerplant.compat;

import static dev.tickerplant.compat.Message.channel;
import static dev.tickerplant.compat.Message.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.coinbase.request.RequestException;
import dev.tickerplant.fanout.FanoutOptions;
import dev.tickerplant.fanout.SubscriberView;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /coinbase/advanced-trade} over a real socket: every rule of the Advanced Trade market-data protocol. */
class AdvancedTradeEndpointTest {
    private static final CompatOptions FAST = CompatOptions.defaults()
            .withIntervals(Duration.ofMillis(200), Duration.ofMillis(400));
    private static final int TICKS_PER_PRODUCT = 100;

    private CompatServer server;
    private final List<WebSocketClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(WebSocketClient::close);
        server.close();
    }

    private WebSocketClient client() {
        WebSocketClient c = server.client(CoinbaseProtocol.ADVANCED_TRADE);
        clients.add(c);
        return c;
    }

    @Test
    void subscribeSendsASnapshotPerProductThenTheCumulativeAckThenUpdatesAllNumberedPerConnection() {
        server = new CompatServer(FAST);
        server.advancedTrade("BTC-USD", "79914.6");
        server.advancedTrade("ETH-USD", "2500.10");
        server.awaitConsumed();
        WebSocketClient client = client();

        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\",\"NOPE-USD\","
                + "\"ETH-USD\",\"SOL-USD\"]}");
        Message btc = Message.next(client);
        Message eth = Message.next(client);
        Message ack = Message.next(client);
        long live = server.advancedTrade("ETH-USD", "2501.00");
        Message update = Message.next(client);

        assertSnapshot(btc, 0, "BTC-USD", "79914.6");
        assertSnapshot(eth, 1, "ETH-USD", "2500.10");
        assertEquals("subscriptions", ack.get("channel"));
        assertEquals(2L, ack.get("sequence_num"));
        // NOPE-USD is not followed: left out of the ack without an error. SOL-USD is followed but has no tick yet.
        assertEquals(Map.of("ticker", List.of("BTC-USD", "ETH-USD", "SOL-USD")), subscriptions(ack));
        assertEquals(3L, update.get("sequence_num"));
        Map<String, Object> event = event(update);
        assertEquals("update", event.get("type"));
        Map<String, Object> ticker = onlyTicker(event);
        assertEquals("2501.00", ticker.get("price"), "exact bytes: the trailing zeros stay");
        assertEquals("14174." + live, ticker.get("volume_24_h"));
        assertEquals(List.of("type", "product_id", "price", "volume_24_h", "low_24_h", "high_24_h", "low_52_w",
                "high_52_w", "price_percent_chg_24_h", "best_bid", "best_bid_quantity", "best_ask",
                "best_ask_quantity"), new ArrayList<>(ticker.keySet()));
        assertTrue(update.text().startsWith("{\"channel\":\"ticker\",\"client_id\":\"\",\"timestamp\":\""),
                update.text());
        Instant stamped = Instant.parse((String) update.get("timestamp"));
        assertTrue(Math.abs(Duration.between(stamped, Instant.now()).toSeconds()) < 5, "send time: " + stamped);
        assertEquals("advanced-trade", view().protocol());
        assertEquals(List.of("ticker:BTC-USD", "ticker:ETH-USD", "ticker:SOL-USD"), view().subscriptions());
    }

    @Test
    void anExchangeSourcedTickKeepsOnlyTheFieldsAdvancedTradeHasUnderTheirAdvancedTradeNames() {
        server = new CompatServer(FAST);
        WebSocketClient client = client();
        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}");
        Message.next(client, channel("subscriptions"));

        server.exchange("BTC-USD", "84737.58");

        Map<String, Object> ticker = onlyTicker(event(Message.next(client, channel("ticker"))));
        assertEquals(Map.of("type", "ticker", "product_id", "BTC-USD", "price", "84737.58",
                "volume_24_h", "1836.96781750", "low_24_h", "84400", "high_24_h", "85021.57",
                "best_bid", "84737.58", "best_bid_quantity", "0.19921154", "best_ask", "84737.59",
                "best_ask_quantity", "0.05223077"), ticker);
    }

    @Test
    void heartbeatsComeEveryIntervalWithACounterAndTakeSequenceNumbersLikeEverythingElse() {
        server = new CompatServer(FAST);
        WebSocketClient client = client();
        client.send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
        Message ack = Message.next(client);
        assertEquals(0L, ack.get("sequence_num"));
        assertEquals(Map.of("heartbeats", List.of("heartbeats")), subscriptions(ack));

        Message first = Message.next(client);
        Message second = Message.next(client);

        assertEquals("heartbeats", first.get("channel"));
        assertEquals(List.of(1L, 2L), List.of(first.get("sequence_num"), second.get("sequence_num")));
        Map<String, Object> beat = event(first);
        assertEquals(1L, beat.get("heartbeat_counter"));
        assertEquals(2L, event(second).get("heartbeat_counter"));
        assertTrue(((String) beat.get("current_time")).matches(
                "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})? \\+0000 UTC m=\\+\\d+\\.\\d{9}"), beat.toString());

        client.send("{\"type\":\"unsubscribe\",\"channel\":\"heartbeats\"}");
        Message empty = Message.next(client, channel("subscriptions"));
        assertEquals(Map.of(), subscriptions(empty));
        assertTrue(empty.text().contains("\"events\":[{\"subscriptions\":{}}]"), empty.text());
        List<Message> after = Message.during(client, Duration.ofMillis(600));
        assertTrue(after.stream().noneMatch(channel("heartbeats")), "heartbeats after unsubscribing: " + after);
    }

    @Test
    void tickerBatchSendsOnlyTheProductsThatChangedSinceTheLastBatch() {
        server = new CompatServer(FAST);
        server.advancedTrade("BTC-USD", "1.0");
        server.awaitConsumed();
        WebSocketClient client = client();
        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker_batch\",\"product_ids\":[\"BTC-USD\","
                + "\"ETH-USD\",\"SOL-USD\"]}");
        Message snapshot = Message.next(client);
        assertEquals("ticker_batch", snapshot.get("channel"));
        assertEquals("snapshot", event(snapshot).get("type"));
        assertEquals(Map.of("ticker_batch", List.of("BTC-USD", "ETH-USD", "SOL-USD")),
                subscriptions(Message.next(client)));

        // Each batch holds only changed products, once, at their latest: however the rounds fall between these
        // ticks, there are fewer batches than ticks unless publishing them took 100 rounds (40 s).
        for (int i = 0; i < TICKS_PER_PRODUCT; i++) {
            server.advancedTrade("ETH-USD", "1." + i);
            server.advancedTrade("SOL-USD", "4." + i);
        }
        server.advancedTrade("ETH-USD", "2.5");
        server.advancedTrade("SOL-USD", "3.0");
        Map<String, Object> latest = new HashMap<>();
        int batches = 0;
        while (!latest.equals(Map.of("ETH-USD", "2.5", "SOL-USD", "3.0"))) {
            Message batch = Message.next(client, channel("ticker_batch"));
            batches++;
            assertEquals("update", event(batch).get("type"));
            List<Map<String, Object>> tickers = Json.list(event(batch).get("tickers")).stream().map(Json::map)
                    .toList();
            List<Object> products = tickers.stream().map(t -> t.get("product_id")).toList();
            assertFalse(products.contains("BTC-USD"), "BTC-USD did not change: " + batch.text());
            assertEquals(products.stream().distinct().toList(), products, "once per batch: " + batch.text());
            tickers.forEach(t -> latest.put((String) t.get("product_id"), t.get("price")));
        }
        assertTrue(batches < TICKS_PER_PRODUCT, batches + " batches for " + TICKS_PER_PRODUCT
                + " ticks of each product: every tick sent, not the latest of each round");
        List<Message> quiet = Message.during(client, Duration.ofMillis(900));
        assertTrue(quiet.isEmpty(), "nothing changed, nothing sent: " + quiet);
    }

    @Test
    void unknownChannelsGetAuthenticationFailureWithoutSequenceNumberAndTheConnectionStaysOpen() {
        server = new CompatServer(FAST);
        WebSocketClient client = client();

        client.send("{\"type\":\"subscribe\",\"channel\":\"heartbeat\"}");
        Message unknown = Message.next(client);
        client.send("{\"type\":\"subscribe\",\"channel\":\"level2\",\"product_ids\":[\"BTC-USD\"]}");
        Message level2 = Message.next(client);
        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}");
        Message ack = Message.next(client);

        assertEquals("{\"type\":\"error\",\"message\":\"authentication failure\"}", unknown.text());
        assertEquals("{\"type\":\"error\",\"message\":\"channel level2 is not served by tickerplant: expected ticker,"
                + " ticker_batch or heartbeats\"}", level2.text());
        assertEquals(0L, ack.get("sequence_num"), "errors take no sequence number");
        assertFalse(client.ended());
        assertEquals(2, server.server.view().commandErrors());
    }

    @Test
    void withAVerifierConfiguredOnlyValidTokensSubscribeAndWithoutOneAnyTokenIsIgnored() {
        JwtVerifier verifier = token -> {
            if (!token.equals("good")) {
                throw new RequestException("jwt: not the test token");
            }
        };
        server = new CompatServer(FAST.withJwtVerifier(verifier));
        WebSocketClient client = client();
        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}");
        assertEquals("authentication failure", Message.next(client).get("message"));
        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"],\"jwt\":\"bad\"}");
        assertEquals("authentication failure", Message.next(client).get("message"));
        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"],\"jwt\":\"good\"}");
        assertEquals(Map.of("ticker", List.of("BTC-USD")), subscriptions(Message.next(client)));
        server.close();

        server = new CompatServer(FAST);
        WebSocketClient open = client();
        open.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"],\"jwt\":\"x.y.z\"}");
        assertEquals(Map.of("ticker", List.of("BTC-USD")), subscriptions(Message.next(open)));
    }

    @Test
    void productsAreNamedExactlyAsCoinbaseNamesThemNotByTheShorthandOfTheProductsSetting() {
        server = new CompatServer(FAST);
        WebSocketClient client = client();

        // Ids are matched exactly as Coinbase spells them: "BTC" and "eth-usd" are left out as unknown products are.
        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC\",\"eth-usd\","
                + "\"SOL-USD\"]}");

        Message ack = Message.next(client, channel("subscriptions"));
        assertEquals(Map.of("ticker", List.of("SOL-USD")), subscriptions(ack));
    }

    @Test
    void unsubscribingProductsOrTheWholeChannelStopsTheirTickersAndAcksWhatIsLeft() {
        server = new CompatServer(FAST);
        WebSocketClient client = client();
        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]}");
        Message.next(client, channel("subscriptions"));
        client.send("{\"type\":\"unsubscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}");
        assertEquals(Map.of("ticker", List.of("ETH-USD")), subscriptions(Message.next(client)));

        server.advancedTrade("BTC-USD", "1");
        server.advancedTrade("ETH-USD", "2");
        assertEquals("ETH-USD", onlyTicker(event(Message.next(client))).get("product_id"));

        client.send("{\"type\":\"unsubscribe\",\"channel\":\"ticker\"}");
        assertEquals(Map.of(), subscriptions(Message.next(client)));
        server.advancedTrade("ETH-USD", "3");
        assertTrue(Message.during(client, Duration.ofMillis(300)).isEmpty());
    }

    @Test
    void limitsApply_subscriptionsPerClientAndMessagesPerSecond() {
        server = new CompatServer(FanoutOptions.defaults().withMaxSubscriptions(3).withCommandsPerSecond(5), FAST);
        WebSocketClient client = client();
        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]}");
        Message.next(client, channel("subscriptions"));
        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker_batch\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]}");
        assertEquals("{\"type\":\"error\",\"message\":\"subscribing would make 4 subscriptions: expected at most 3 "
                + "per client\"}", Message.next(client).text());

        // Far more than 5 in whatever time a busy machine takes to send them: some must be refused.
        for (int i = 0; i < 50; i++) {
            client.send("{\"type\":\"unsubscribe\",\"channel\":\"ticker_batch\"}");
        }
        String error = (String) Message.next(client, type("error")).get("message");
        assertTrue(error.matches("rate limited: more than 5 messages per second \\(expected at most 5\\); "
                + "retry after \\d+ ms"), error);
    }

    @Test
    void malformedRequestsAreAnsweredWithOneLineErrors() {
        server = new CompatServer(FAST);
        WebSocketClient client = client();
        client.send("{\"type\":\"subscribe\",");
        assertTrue(((String) Message.next(client).get("message")).startsWith("malformed request: invalid JSON: "));
        client.send("{\"type\":\"listen\",\"channel\":\"ticker\"}");
        assertEquals("malformed request: unknown type \"listen\": expected subscribe or unsubscribe",
                Message.next(client).get("message"));
        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":\"BTC-USD\"}");
        assertEquals("malformed request: field product_ids: expected an array of strings such as [\"BTC-USD\"], "
                + "got \"BTC-USD\"", Message.next(client).get("message"));
    }

    @Test
    void whatTheClientSentIsEchoedEscaped() {
        server = new CompatServer(FAST);
        WebSocketClient client = client();
        client.send("{\"type\":\"listen\\r\\nX-Forged: 1\",\"channel\":\"ticker\"}");
        assertEquals("malformed request: unknown type \"listen\\r\\nX-Forged: 1\": expected subscribe or unsubscribe",
                Message.next(client).get("message"));
        client.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":\"\u00e9\\u0000\"}");
        assertEquals("malformed request: field product_ids: expected an array of strings such as [\"BTC-USD\"], "
                + "got \"\\u00e9\\u0000\"", Message.next(client).get("message"));
    }

    private SubscriberView view() {
        return server.server.view().subscribers().get(0);
    }

    private static void assertSnapshot(Message m, long sequenceNum, String product, String price) {
        assertEquals("ticker", m.get("channel"));
        assertEquals("", m.get("client_id"));
        assertEquals(sequenceNum, m.get("sequence_num"));
        Map<String, Object> event = event(m);
        assertEquals("snapshot", event.get("type"));
        Map<String, Object> ticker = onlyTicker(event);
        assertEquals(product, ticker.get("product_id"));
        assertEquals(price, ticker.get("price"));
        assertNull(m.get("type"), "data messages have no top-level type");
    }

    static Map<String, Object> event(Message m) {
        List<Object> events = Json.list(m.get("events"));
        assertEquals(1, events.size(), m.text());
        return Json.map(events.get(0));
    }

    static Map<String, Object> onlyTicker(Map<String, Object> event) {
        List<Object> tickers = Json.list(event.get("tickers"));
        assertEquals(1, tickers.size(), event.toString());
        return Json.map(tickers.get(0));
    }

    static Map<String, Object> subscriptions(Message ack) {
        assertEquals("subscriptions", ack.get("channel"), ack.text());
        return Json.map(event(ack).get("subscriptions"));
    }
}
