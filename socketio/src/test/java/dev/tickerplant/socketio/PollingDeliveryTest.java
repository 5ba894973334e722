package dev.tickerplant.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.fanout.FanoutOptions;
import dev.tickerplant.fanout.PluginClients;
import dev.tickerplant.fanout.protocol.Channel;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.MarketView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A long-polling session on its loop, with the loop's ticks, alerts and status driven directly and its HTTP answers
 * read from an embedded channel on a frozen clock: what a polling-only client gets, how its subscribe and unsubscribe
 * events are answered and applied, and when its pings time out.
 */
class PollingDeliveryTest {
    private static final String SEP = "\u001e";
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMillis(50);

    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private static final int COMMANDS_PER_SECOND = 3;

    private final MarketState market = new MarketState(List.of("BTC-USD", "ETH-USD"));
    private final AtomicInteger commandErrors = new AtomicInteger();
    private final SlotCounter slots = new SlotCounter();
    private final EngineSessions sessions = new EngineSessions();
    private final SocketIoOptions options = SocketIoOptions.defaults().withPing(INTERVAL, TIMEOUT);
    private final SocketIoLoop loop = new SocketIoLoop(options, sessions, slots);
    private PollingSession session;

    @BeforeEach
    void connect() {
        channel.freezeTime();
        assertTrue(slots.admit());
        session = new PollingSession(sessions.newId(), channel.eventLoop(), options, sessions, loop, clock::get);
        session.start();
        session.post(http(), "40");
        assertEquals("ok", answer());
        session.poll(http());
        assertTrue(answer().startsWith("40{\"sid\":"), "the Socket.IO CONNECT answer comes first");
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aHeldPollIsCompletedAtOnceByATick() {
        session.poll(http());
        assertNull(channel.readOutbound(), "nothing to send yet: the poll is held");
        tick(0, "{\"product_id\":\"BTC-USD\",\"price\":1}");
        assertEquals("42[\"ticker_update\",{\"product_id\":\"BTC-USD\",\"price\":1}]", answer());
    }

    @Test
    void ticksWaitingForThePollAreConflatedPerProductAndStayInSeqOrder() {
        tick(0, "{\"product_id\":\"BTC-USD\",\"price\":1}");
        tick(1, "{\"product_id\":\"ETH-USD\",\"price\":10}");
        tick(0, "{\"product_id\":\"BTC-USD\",\"price\":2}");
        session.poll(http());
        assertEquals("42[\"ticker_update\",{\"product_id\":\"ETH-USD\",\"price\":10}]" + SEP
                + "42[\"ticker_update\",{\"product_id\":\"BTC-USD\",\"price\":2}]", answer(),
                "BTC-USD's newer tick came after ETH-USD's");
    }

    @Test
    void volumeAlertsAndStatusAreDeliveredInOrderWithTheirNativeObjects() {
        String alert = "{\"type\":\"volume_alert\",\"product_id\":\"ETH-USD\",\"ratio\":4.2}";
        String status = "{\"type\":\"status\",\"id\":\"conn-1\",\"state\":\"stale\"}";
        ByteBuf alertFrame = frame(alert);
        loop.onAlert(1, 7, alertFrame, 0, alertFrame.readableBytes());
        ByteBuf statusFrame = frame(status);
        loop.onStatus(statusFrame, new int[] {0, 1});
        alertFrame.release();
        statusFrame.release();
        session.poll(http());
        assertEquals("42[\"volume_alert\"," + alert + "]" + SEP + "42[\"status\"," + status + "]", answer());
    }

    @Test
    void tooManyUnpolledEventsEndTheSessionAndFreeItsSlot() {
        ByteBuf alertFrame = frame("{\"type\":\"volume_alert\"}");
        for (int i = 0; i <= PollingSession.MAX_PENDING_EVENTS; i++) {
            loop.onAlert(0, i, alertFrame, 0, alertFrame.readableBytes());
        }
        alertFrame.release();
        assertNull(sessions.get(session.sid));
        assertEquals(0, slots.taken.get());
    }

    @Test
    void aClientThatStopsAnsweringPingsIsClosedAfterIntervalPlusTimeout() {
        advance(INTERVAL);
        session.poll(http());
        assertEquals("2", answer(), "the server's ping");
        session.poll(http()); // held; the client never answers the ping
        advance(TIMEOUT.minusMillis(1));
        assertNotNull(sessions.get(session.sid), "still open within pingTimeout");
        assertNull(channel.readOutbound());
        advance(Duration.ofMillis(1));
        assertEquals("1", answer(), "the held poll gets the close packet");
        assertNull(sessions.get(session.sid));
        assertEquals(0, slots.taken.get(), "the session's client slot is given back");
        tick(0, "{\"product_id\":\"BTC-USD\"}");
        assertNull(channel.readOutbound(), "nothing is sent after the close");
    }

    @Test
    void aClientThatAnswersPingsStaysOpen() {
        for (int round = 0; round < 3; round++) {
            advance(INTERVAL);
            session.poll(http());
            assertEquals("2", answer());
            session.post(http(), "3");
            assertEquals("ok", answer());
        }
        advance(TIMEOUT);
        assertNotNull(sessions.get(session.sid));
        assertEquals(1, slots.taken.get());
    }

    @Test
    void aTimeoutLongerThanTheIntervalIsWaitedOutInFull() {
        SocketIoOptions longTimeout = SocketIoOptions.defaults().withPing(INTERVAL, INTERVAL.multipliedBy(3));
        assertTrue(slots.admit());
        PollingSession other = new PollingSession(sessions.newId(), channel.eventLoop(), longTimeout, sessions, loop,
                clock::get);
        other.start();
        advance(INTERVAL); // its first ping, never answered; three more intervals pass before it times out
        advance(INTERVAL);
        advance(INTERVAL);
        advance(INTERVAL.minusMillis(1));
        assertNotNull(sessions.get(other.sid), "open until pingInterval + pingTimeout");
        advance(Duration.ofMillis(1));
        assertNull(sessions.get(other.sid));
    }

    @Test
    void aSubscribeIsAckedAndNarrowsTheTicksAndAnUnsubscribeStopsThem() {
        session.post(http(), "421[\"subscribe\",{\"products\":[\"ETH-USD\"]}]");
        assertEquals("ok", answer());
        tick(0, 1, "{\"product_id\":\"BTC-USD\"}");
        tick(1, 2, "{\"product_id\":\"ETH-USD\"}");
        session.poll(http());
        assertEquals("431[{\"type\":\"subscriptions\",\"channels\":{\"ticker\":[\"ETH-USD\"],\"status\":[],"
                + "\"alerts\":[]}}]" + SEP + "42[\"ticker_update\",{\"product_id\":\"ETH-USD\"}]", answer());
        tick(1, 3, "{\"product_id\":\"ETH-USD\",\"seq\":3}");
        session.post(http(), "422[\"unsubscribe\",{\"products\":[\"ETH-USD\"]}]");
        assertEquals("ok", answer());
        tick(1, 4, "{\"product_id\":\"ETH-USD\"}");
        session.poll(http());
        assertEquals("432[{\"type\":\"subscriptions\",\"channels\":{\"ticker\":[],\"status\":[],"
                + "\"alerts\":[]}}]", answer(), "the unpolled tick of the product left is dropped too");
        session.poll(http());
        tick(0, 5, "{\"product_id\":\"BTC-USD\"}");
        tick(1, 6, "{\"product_id\":\"ETH-USD\"}");
        assertNull(channel.readOutbound(), "the poll is held: nothing followed");
    }

    @Test
    void badEventsAreAnsweredWithTheNativeErrorsAndCounted() {
        session.post(http(), "427[\"subscribe\",{\"products\":[\"NOPE-USD\"]}]" + SEP + "42[\"publish\",{}]");
        assertEquals("ok", answer());
        session.poll(http());
        String[] packets = answer().split(SEP);
        assertTrue(packets[0].startsWith("437[{\"type\":\"error\",\"code\":\"unknown_product\""), packets[0]);
        assertTrue(packets[1].startsWith("42[\"error\",{\"type\":\"error\",\"code\":\"unknown_type\""),
                packets[1]);
        assertEquals(2, packets.length);
        assertEquals(2, commandErrors.get());
    }

    @Test
    void eventsCountAgainstTheMessageRate() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= COMMANDS_PER_SECOND; i++) {
            body.append(i == 0 ? "" : SEP).append("42").append(i)
                    .append("[\"subscribe\",{\"products\":[\"BTC-USD\"]}]");
        }
        session.post(http(), body.toString());
        assertEquals("ok", answer());
        session.poll(http());
        String[] packets = answer().split(SEP);
        assertEquals(COMMANDS_PER_SECOND + 1, packets.length);
        assertTrue(packets[COMMANDS_PER_SECOND].startsWith("43" + COMMANDS_PER_SECOND
                + "[{\"type\":\"error\",\"code\":\"rate_limited\""), packets[COMMANDS_PER_SECOND]);
        advance(Duration.ofSeconds(1));
        session.post(http(), "429[\"subscribe\",{\"products\":[\"BTC-USD\"]}]");
        assertEquals("ok", answer());
        session.poll(http());
        assertTrue(answer().contains("439[{\"type\":\"subscriptions\""), "a token again a second later");
    }

    @Test
    void theUpgradeHandsTheSubscriptionsOver() {
        session.post(http(), "421[\"subscribe\",{\"products\":[\"ETH-USD\"],\"channels\":[\"ticker\",\"alerts\"]}]");
        assertEquals("ok", answer());
        Handover handover = session.upgrade();
        assertNotNull(handover);
        assertFalse(handover.followed().everything());
        assertEquals(List.of(1), handover.followed().listed().get(Channel.TICKER));
        assertEquals(List.of(1), handover.followed().listed().get(Channel.ALERTS));
        assertTrue(handover.unsent().get(0).startsWith("431[{\"type\":\"subscriptions\""), handover.unsent()::toString);
    }

    private void tick(int product, long seq, String json) {
        ByteBuf frame = frame("42[\"ticker_update\"," + json + "]");
        loop.onTicker(product, seq, -1, -1, frame, 0, frame.readableBytes());
        frame.release();
    }

    private void tick(int product, String json) {
        ByteBuf frame = frame("42[\"ticker_update\"," + json + "]");
        loop.onTicker(product, 1, -1, -1, frame, 0, frame.readableBytes());
        frame.release();
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
        channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    private static ByteBuf frame(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = Unpooled.buffer();
        WebSocketFrames.appendText(out, bytes, 0, bytes.length);
        return out;
    }

    private PollingHttp http() {
        ChannelHandlerContext ctx = channel.pipeline().firstContext();
        return new PollingHttp(ctx, null, true);
    }

    private String answer() {
        FullHttpResponse response = channel.readOutbound();
        assertNotNull(response, "an HTTP answer");
        try {
            assertEquals(200, response.status().code(), () -> response.content().toString(StandardCharsets.UTF_8));
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }

    private final class SlotCounter implements PluginClients {
        final AtomicInteger taken = new AtomicInteger();

        @Override
        public boolean admit() {
            taken.incrementAndGet();
            return true;
        }

        @Override
        public void release() {
            taken.decrementAndGet();
        }

        @Override
        public int maxClients() {
            return 10;
        }

        @Override
        public FanoutOptions options() {
            return FanoutOptions.defaults().withCommandsPerSecond(COMMANDS_PER_SECOND);
        }

        @Override
        public MarketView market() {
            return market;
        }

        @Override
        public void countCommandError() {
            commandErrors.incrementAndGet();
        }
    }
}
