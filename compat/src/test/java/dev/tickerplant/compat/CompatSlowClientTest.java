package dev.tickerplant.compat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.fanout.FanoutOptions;
import dev.tickerplant.fanout.SubscriberView;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Coinbase-compatible clients get the server's slow-client handling: conflation to the latest per product, then 4001.
 * When the close is due is proven on a test clock by fanout's SessionTimersTest; the waits here only bound a broken run.
 */
class CompatSlowClientTest {
    private static final List<String> THREE = CompatServer.PRODUCTS.subList(0, 3);

    private CompatServer server;
    private WebSocketClient slow;

    @AfterEach
    void close() throws IOException {
        if (slow != null) {
            slow.close();
        }
        server.close();
    }

    @Test
    void aStalledAdvancedTradeClientIsConflatedAndEveryTickerItMissedShowsAsASequenceGap() throws IOException {
        server = new CompatServer(FanoutOptions.defaults().withWriteBuffer(8 * 1024, 16 * 1024)
                .withSlowClientTimeout(Duration.ofSeconds(60)), CompatOptions.defaults());
        slow = WebSocketClient.to(server.port(), CompatPaths.of(CoinbaseProtocol.ADVANCED_TRADE))
                .receiveBuffer(4096).readOnDemand().connect();
        slow.send("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":" + Json.strings(THREE) + "}");
        assertEquals(0L, slow.nextJson().get("sequence_num"), "the ack: no product has a tick yet");

        // The client reads nothing from here on; publish until the server has had to conflate for it.
        Map<String, String> lastPrice = new HashMap<>();
        int[] published = {0};
        await("conflation for the stalled client").pollInterval(Duration.ofMillis(1)).until(() -> {
            for (int i = 0; i < 300; i++, published[0]++) {
                String product = THREE.get(published[0] % THREE.size());
                String price = published[0] + ".5";
                server.advancedTrade(product, price);
                lastPrice.put(product, price);
            }
            server.awaitConsumed();
            return view().dropped() > 0;
        });

        // Reading again: the backlog, then the newest ticker of each product; numbered with the dropped ones skipped.
        Map<String, String> received = new HashMap<>();
        long previous = 0;
        int tickers = 0;
        while (!received.equals(lastPrice)) {
            Map<String, Object> m = slow.nextJson();
            long sequenceNum = (Long) m.get("sequence_num");
            assertTrue(sequenceNum > previous, sequenceNum + " after " + previous);
            previous = sequenceNum;
            Map<String, Object> ticker = AdvancedTradeEndpointTest.onlyTicker(Json.map(Json.list(m.get("events"))
                    .get(0)));
            received.put((String) ticker.get("product_id"), (String) ticker.get("price"));
            tickers++;
        }
        long dropped = view().dropped();
        assertTrue(tickers < published[0], tickers + " of " + published[0] + " ticks: nothing was conflated");
        assertEquals(tickers + dropped, previous, "each sequence_num is a ticker sent or one conflated away");
        assertEquals(0, server.server.view().slowClientsClosed());
    }

    @Test
    void anExchangeClientUnwritableForTheSlowClientTimeoutIsClosedWith4001() throws IOException {
        server = new CompatServer(FanoutOptions.defaults().withWriteBuffer(8 * 1024, 16 * 1024)
                .withSlowClientTimeout(Duration.ofMillis(300)), CompatOptions.defaults());
        slow = WebSocketClient.to(server.port(), CompatPaths.of(CoinbaseProtocol.EXCHANGE))
                .receiveBuffer(4096).readOnDemand().connect();
        slow.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}");
        assertEquals("subscriptions", slow.nextJson().get("type"));

        // Keep publishing until the socket buffers are full and the channel stays unwritable for the timeout.
        await("the slow client closed").pollInterval(Duration.ofMillis(1)).until(() -> {
            for (int i = 0; i < 500; i++) {
                server.exchange("BTC-USD", i + ".5");
            }
            server.awaitConsumed();
            return server.server.view().slowClientsClosed() > 0;
        });
        WebSocketClient.Frame close;
        do {
            close = slow.nextFrame();
        } while (close.opcode() != WebSocketClient.CLOSE);
        assertEquals(4001, close.closeCode());
    }

    private SubscriberView view() {
        return server.server.view().subscribers().get(0);
    }
}
