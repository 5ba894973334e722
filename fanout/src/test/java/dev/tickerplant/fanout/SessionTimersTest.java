package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.fanout.history.TickHistory;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.testing.Json;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client's timers on its real pipeline (frame encoder, activity, native handler, session), driven by a clock the
 * test moves: heartbeat and ping every interval, idle close after 2.5 silent intervals, slow-client close after the
 * timeout unwritable, and the close grace for a client that does not take its close frame. Each is checked one
 * nanosecond before its deadline and at it, so these are the tests that prove the timing; the socket tests only check
 * that the behaviour reaches a real client.
 */
class SessionTimersTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration IDLE = INTERVAL.multipliedBy(5).dividedBy(2);
    private static final Duration SLOW = Duration.ofSeconds(3);
    /** Long enough for the idle and heartbeat timers to stay out of the way of the slow-client tests. */
    private static final Duration NO_HEARTBEAT = Duration.ofHours(1);
    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

    private final MockTicker clock = Ticker.newMockTicker();
    private final long startNanos = clock.nanoTime();
    private final StallableSocket socket = new StallableSocket();
    private EmbeddedChannel channel;
    private ServerContext server;

    @AfterEach
    void close() {
        socket.releaseHeld();
        channel.finishAndReleaseAll();
    }

    @Test
    void heartbeatAndPingLeaveAtEachIntervalAndNotBefore() {
        open(INTERVAL);

        advance(INTERVAL.minusNanos(1));
        assertEquals(List.of(), sent(), "nothing before the first interval");
        advance(Duration.ofNanos(1));
        List<Frame> first = sent();
        assertEquals(2, first.size(), first.toString());
        Map<String, Object> heartbeat = first.get(0).json();
        assertEquals("heartbeat", heartbeat.get("type"));
        assertEquals(START.plus(INTERVAL), Instant.parse((String) heartbeat.get("server_time")));
        assertEquals(0L, heartbeat.get("last_seq"));
        assertEquals(Frame.PING, first.get(1).opcode());

        clientSends(new PongWebSocketFrame());
        advance(INTERVAL.minusNanos(1));
        assertEquals(List.of(), sent(), "nothing before the second interval");
        advance(Duration.ofNanos(1));
        assertEquals(List.of("heartbeat", "ping"), kinds(sent()));
    }

    @Test
    void anUnwritableClientIsPingedButGetsNoHeartbeatMessage() {
        Duration interval = SLOW.dividedBy(3); // the ping is due before the slow-client close
        open(interval);
        writable(false);

        advance(interval);

        assertEquals(List.of("ping"), kinds(sent()));
    }

    @Test
    void aClientThatAnswersEveryPingStaysOpen() {
        open(INTERVAL);

        for (int i = 0; i < 20; i++) {
            advance(INTERVAL);
            assertEquals(List.of("heartbeat", "ping"), kinds(sent()), "interval " + (i + 1));
            clientSends(new PongWebSocketFrame());
        }

        assertTrue(channel.isOpen(), "closed although it answered every ping");
    }

    @Test
    void aSilentClientIsClosedWith4002AfterTwoAndAHalfIntervalsAndNotBefore() {
        open(INTERVAL);

        advance(IDLE.minusNanos(1));
        assertTrue(channel.isOpen());
        assertEquals(List.of("heartbeat", "ping", "heartbeat", "ping"), kinds(sent()));
        advance(Duration.ofNanos(1));

        assertEquals(List.of("close 4002 idle timeout"), kinds(sent()));
        assertFalse(channel.isOpen());
    }

    @Test
    void theIdleTimeoutCountsFromTheLastBytesTheClientSent() {
        open(INTERVAL);
        advance(INTERVAL);
        clientSends(new PongWebSocketFrame()); // the only thing it ever answers

        advance(IDLE.minusNanos(1));
        assertTrue(channel.isOpen(), "closed before 2.5 intervals after the pong");
        advance(Duration.ofNanos(1));

        assertFalse(channel.isOpen());
        assertTrue(kinds(sent()).contains("close 4002 idle timeout"));
    }

    @Test
    void aClientUnwritableForTheSlowClientTimeoutIsClosedWith4001AndNotBefore() {
        open(NO_HEARTBEAT);
        writable(false);

        advance(SLOW.minusNanos(1));
        assertTrue(channel.isOpen());
        assertEquals(0, server.figures.slowClientsClosed());
        advance(Duration.ofNanos(1));

        assertEquals(List.of("close 4001 slow consumer: unwritable for 3 s"), kinds(sent()));
        assertFalse(channel.isOpen());
        assertEquals(1, server.figures.slowClientsClosed());
    }

    @Test
    void writableAgainInTimeIsNotClosedAndTheNextStallIsTimedFromItsOwnStart() {
        open(NO_HEARTBEAT);
        writable(false);
        advance(SLOW.minusNanos(1));
        writable(true);

        advance(SLOW.multipliedBy(3));
        assertTrue(channel.isOpen(), "closed although it became writable in time");

        writable(false);
        advance(SLOW.minusNanos(1));
        assertTrue(channel.isOpen(), "the earlier stall was counted against the new one");
        advance(Duration.ofNanos(1));
        assertFalse(channel.isOpen());
        assertEquals(1, server.figures.slowClientsClosed());
    }

    @Test
    void aClientThatDoesNotTakeItsCloseFrameIsDroppedAfterTheCloseGrace() {
        open(NO_HEARTBEAT);
        writable(false);
        socket.stall(); // nothing written from here on reaches the client, the close frame included

        advance(SLOW);
        assertTrue(channel.isOpen(), "waits for the close frame to be written");
        advance(Duration.ofNanos(SubscriberSession.CLOSE_GRACE_NANOS - 1));
        assertTrue(channel.isOpen(), "dropped before the close grace ended");
        advance(Duration.ofNanos(1));

        assertFalse(channel.isOpen());
        assertEquals(0, server.figures.subscriberCount());
    }

    // ---- the client's pipeline --------------------------------------------------------------------------------------

    /** A client of a server with this heartbeat interval and {@link #SLOW}, upgraded and welcomed at {@link #START}. */
    private void open(Duration heartbeatInterval) {
        FanoutOptions options = FanoutOptions.defaults().withHeartbeatInterval(heartbeatInterval)
                .withSlowClientTimeout(SLOW);
        MarketState market = new MarketState(Harness.PRODUCTS);
        long epochOffset = START.getEpochSecond() * 1_000_000_000L - startNanos;
        server = new ServerContext(options, market, new TickHistory(options.historySize()), new ServerFigures(),
                new UpstreamWatcher(List::of, market, () -> clock.nanoTime() + epochOffset), "test", clock::nanoTime,
                () -> clock.nanoTime() + epochOffset, new PluginEndpoints(List.of()));
        ClientActivity activity = new ClientActivity();
        channel = EmbeddedChannel.builder().ticker(clock).handlers(socket, new WebSocket13FrameEncoder(false),
                activity, new NativeFrameHandler(server, activity)).build();
        server.loops(Map.of(channel.eventLoop(), new LoopFanout(channel.eventLoop(), server.figures, clock::nanoTime,
                0)));
        channel.pipeline().fireUserEventTriggered(new HandshakeComplete("/ws",
                new DefaultHttpHeaders().add(HttpHeaderNames.USER_AGENT, "timer-test"), null));
        assertEquals(List.of("welcome"), kinds(sent()));
    }

    private void advance(Duration by) {
        clock.advance(by.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
    }

    private void clientSends(Object frame) {
        channel.writeInbound(frame);
    }

    private void writable(boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        channel.runPendingTasks(); // the change is announced in a task of the loop's
    }

    /** The frames written to the client since the last call. */
    private List<Frame> sent() {
        List<Frame> frames = new ArrayList<>();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            try {
                while (out.isReadable()) {
                    frames.add(Frame.read(out));
                }
            } finally {
                out.release();
            }
        }
        return frames;
    }

    /** Message types, {@code ping}, or {@code close CODE REASON}. */
    private static List<String> kinds(List<Frame> frames) {
        return frames.stream().map(Frame::kind).toList();
    }

    /** One unmasked server frame (RFC 6455 §5.2). */
    private record Frame(int opcode, byte[] payload) {
        static final int TEXT = 1;
        static final int CLOSE = 8;
        static final int PING = 9;

        static Frame read(ByteBuf in) {
            int opcode = in.readUnsignedByte() & 0x0f;
            long length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readBytes(payload);
            return new Frame(opcode, payload);
        }

        Map<String, Object> json() {
            return Json.object(new String(payload, StandardCharsets.UTF_8));
        }

        String kind() {
            return switch (opcode) {
                case TEXT -> (String) json().get("type");
                case PING -> "ping";
                case CLOSE -> "close " + (((payload[0] & 0xff) << 8) | (payload[1] & 0xff)) + " "
                        + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                default -> "opcode " + opcode;
            };
        }

        @Override
        public String toString() {
            return kind();
        }
    }

    /** The socket end of the pipeline: passes writes on until it stalls, then keeps them, never completing them. */
    private static final class StallableSocket extends ChannelOutboundHandlerAdapter {
        private final List<Object> held = new ArrayList<>();
        private boolean stalled;

        void stall() {
            stalled = true;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (stalled) {
                held.add(msg);
            } else {
                ctx.write(msg, promise);
            }
        }

        void releaseHeld() {
            held.forEach(ReferenceCountUtil::release);
            held.clear();
        }
    }
}
