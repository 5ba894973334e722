package dev.tickerplant.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.fanout.FanoutOptions;
import dev.tickerplant.fanout.FanoutServer;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Engine.IO pings on a WebSocket of a real server, with a short interval and timeout: a client that stops answering
 * is closed, no sooner than {@code pingInterval + pingTimeout}; one that answers stays.
 */
class WebSocketPingTimeoutTest {
    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final String PATH = SocketIoEndpoint.PATH + "?EIO=4&transport=websocket";

    private FanoutServer server;

    @BeforeEach
    void start() {
        server = new FanoutServer(FanoutOptions.defaults().withHost("127.0.0.1").withPort(0),
                new MarketState(List.of("BTC-USD")), List::of, null, List.of(SocketIoEndpoint.plugin(SocketIoOptions.defaults().withPing(INTERVAL,
                        TIMEOUT))));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aClientThatStopsAnsweringPingsIsClosedAfterIntervalPlusTimeout() {
        // Taken before the handshake: the server starts its ping clock on the upgrade, which can be well before
        // connect() returns on a busy machine, so a later reference point would see the close "too early".
        long opened = System.nanoTime();
        try (WebSocketClient ws = WebSocketClient.connect(server.port(), PATH)) {
            String open = ws.next();
            assertTrue(open.startsWith("0{") && open.contains("\"pingInterval\":300,\"pingTimeout\":300"), open);
            assertEquals("2", ws.next(), "the server's ping, left unanswered");
            WebSocketClient.Frame close = ws.nextFrame();
            while (!close.isClose() && "2".equals(close.text())) {
                close = ws.nextFrame(); // the next interval's ping may come before the timeout ends the client
            }
            long elapsed = System.nanoTime() - opened;
            WebSocketClient.Frame last = close;
            assertTrue(last.isClose(), () -> "expected the close, got " + last.text());
            assertEquals(SocketIoClient.PROTOCOL_ERROR, close.closeCode());
            assertTrue(close.closeReason().startsWith("ping timeout"), close.closeReason());
            assertTrue(elapsed >= INTERVAL.plus(TIMEOUT).toNanos(), () -> "closed after " + elapsed / 1_000_000
                    + " ms, before pingInterval + pingTimeout");
        }
    }

    @Test
    void aClientThatAnswersPingsStaysOpen() {
        try (WebSocketClient ws = WebSocketClient.connect(server.port(), PATH)) {
            assertTrue(ws.next().startsWith("0{"));
            for (int round = 0; round < 4; round++) {
                WebSocketClient.Frame ping = ws.nextFrame();
                assertFalse(ping.isClose(), () -> "closed: " + ping.closeReason());
                assertEquals("2", ping.text());
                ws.send("3");
            }
        }
    }
}
