package dev.tickerplant.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate on the compatible endpoints: an Exchange client that offers it gets the shared ticker frames
 * compressed, inflating to exactly what a plain client gets; an Advanced Trade client agrees too, but its tickers carry
 * its own sequence number, so they come plain; both read a compressed subscribe.
 */
class CompressionTest {
    private static final int TICKS = 50;

    private CompatServer server;
    private final List<WebSocketClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(WebSocketClient::close);
        server.close();
    }

    @Test
    void exchangeTickersComeCompressedAndInflateToThePlainOnes() {
        server = new CompatServer(CompatOptions.defaults());
        WebSocketClient plain = client(CoinbaseProtocol.EXCHANGE, false);
        WebSocketClient deflating = client(CoinbaseProtocol.EXCHANGE, true);
        String subscribe = "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}";
        plain.send(subscribe);
        deflating.sendCompressed(subscribe);
        assertEquals("subscriptions", Json.object(plain.nextFrame().text()).get("type"));
        assertEquals("subscriptions", Json.object(deflating.nextFrame().text()).get("type"),
                "a compressed subscribe is understood");

        for (int i = 0; i < TICKS; i++) {
            server.exchange("BTC-USD", "84737." + i);
        }
        for (int i = 0; i < TICKS; i++) {
            WebSocketClient.Frame expected = plain.nextFrame();
            WebSocketClient.Frame got = deflating.nextFrame();
            assertFalse(expected.compressed());
            assertTrue(got.compressed(), "tick " + i + " came compressed");
            assertEquals(expected.text(), got.text(), "tick " + i);
        }
    }

    @Test
    void advancedTradeAgreesButItsPerClientTickersComePlain() {
        server = new CompatServer(CompatOptions.defaults());
        WebSocketClient deflating = client(CoinbaseProtocol.ADVANCED_TRADE, true);
        assertTrue(deflating.header("Sec-WebSocket-Extensions").startsWith("permessage-deflate"));
        deflating.sendCompressed("{\"type\":\"subscribe\",\"product_ids\":[\"ETH-USD\"],\"channel\":\"ticker\"}");
        WebSocketClient.Frame first = nextOfChannel(deflating, "subscriptions");
        assertFalse(first.compressed());

        server.advancedTrade("ETH-USD", "2500.5");
        WebSocketClient.Frame ticker = nextOfChannel(deflating, "ticker");
        assertFalse(ticker.compressed(), "a per-client envelope is not deflated");
        assertTrue(ticker.text().contains("\"2500.5\""), ticker.text());
    }

    private WebSocketClient client(CoinbaseProtocol protocol, boolean offeringDeflate) {
        WebSocketClient.Options options = WebSocketClient.to(server.port(), CompatPaths.of(protocol));
        WebSocketClient client = (offeringDeflate ? options.offeringDeflate() : options).connect();
        clients.add(client);
        return client;
    }

    /** The next Advanced Trade message of {@code channel}, others (snapshots, heartbeats) passed over. */
    private static WebSocketClient.Frame nextOfChannel(WebSocketClient client, String channel) {
        while (true) {
            WebSocketClient.Frame frame = client.nextFrame();
            assertFalse(frame.isClose(), () -> "closed: " + frame.closeCode() + " " + frame.closeReason());
            if (channel.equals(Json.object(frame.text()).get("channel"))) {
                return frame;
            }
        }
    }
}
