package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.fanout.history.TickHistory;
import dev.tickerplant.fanout.http.HttpRequestDeadline;
import dev.tickerplant.ingest.ring.MarketState;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request timeout on a client's real pipeline ({@link FanoutInitializer#stack}), driven by a clock the test moves:
 * a WebSocket upgrade whose handshake does not complete is closed at the timeout and counted, a trickled request is
 * counted in the server's figures, and a completed upgrade leaves the deadline behind.
 */
class UpgradeDeadlineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String UPGRADE = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    private final MockTicker clock = Ticker.newMockTicker();
    private final HoldingSocket socket = new HoldingSocket();
    private ServerContext server;
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        FanoutOptions options = FanoutOptions.defaults().withHttpRequestTimeout(TIMEOUT);
        MarketState market = new MarketState(Harness.PRODUCTS);
        server = new ServerContext(options, market, new TickHistory(options.historySize()), new ServerFigures(),
                new UpstreamWatcher(List::of, market, clock::nanoTime), "test", clock::nanoTime, clock::nanoTime,
                new PluginEndpoints(List.of()));
        channel = EmbeddedChannel.builder().ticker(clock).handlers(socket).build();
        new FanoutInitializer(server, null, null).stack(channel.pipeline());
        server.loops(Map.of(channel.eventLoop(), new LoopFanout(channel.eventLoop(), server.figures, clock::nanoTime,
                0)));
    }

    @AfterEach
    void close() {
        socket.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void anUpgradeWhoseHandshakeDoesNotCompleteIsClosedAtTheTimeoutAndCounted() {
        socket.hold(); // the 101 answer is never taken
        receive(UPGRADE);
        advance(TIMEOUT.minusNanos(1));
        assertTrue(channel.isOpen(), "closed before the timeout");
        assertEquals(0, server.figures.slowRequestsClosed());

        advance(Duration.ofNanos(1));
        assertFalse(channel.isOpen());
        assertEquals(1, server.figures.slowRequestsClosed());
    }

    @Test
    void aTrickledRequestIsClosedAndCountedInTheServersFigures() {
        receive("GET /ws HTTP/1.1\r\n");
        advance(TIMEOUT.minusNanos(1));
        receive("Host: 127.0.0.1\r\n");
        assertTrue(channel.isOpen(), "closed before the timeout");

        advance(Duration.ofNanos(1));
        assertFalse(channel.isOpen());
        assertEquals(1, server.figures.slowRequestsClosed());
    }

    @Test
    void aCompletedUpgradeLeavesTheDeadlineBehind() {
        receive(UPGRADE);
        assertTrue(socket.written > 0, "answered");
        assertNull(channel.pipeline().get(HttpRequestDeadline.NAME));
        assertNull(channel.pipeline().get(HttpRequestDeadline.END_NAME));

        advance(TIMEOUT.multipliedBy(2));
        assertTrue(channel.isOpen(), "a subscriber is the session's business once upgraded");
        assertEquals(0, server.figures.slowRequestsClosed());
    }

    private void receive(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
    }

    private void advance(Duration by) {
        clock.advance(by.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
    }

    /** The client's socket: takes writes, or holds them and never completes their promises. */
    private static final class HoldingSocket extends ChannelOutboundHandlerAdapter {
        private final List<Object> held = new ArrayList<>();
        private boolean holding;
        int written;

        void hold() {
            holding = true;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (holding) {
                held.add(msg);
            } else {
                written++;
                ReferenceCountUtil.release(msg);
                promise.setSuccess();
            }
        }

        void release() {
            held.forEach(ReferenceCountUtil::release);
            held.clear();
        }
    }
}
