package dev.tickerplant.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.fanout.EndpointClient;
import dev.tickerplant.fanout.EndpointSession;
import dev.tickerplant.fanout.FanoutOptions;
import dev.tickerplant.fanout.PluginClients;
import dev.tickerplant.fanout.ProductFilter;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.MarketView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop's volume alerts and status messages reach a connected WebSocket client as Socket.IO events carrying the
 * native object, and stop at a client that left the namespace or did not subscribe to them.
 */
class ForwardedEventsLoopTest {
    private static final String ALERT = "{\"type\":\"volume_alert\",\"product_id\":\"ETH-USD\",\"ratio\":4.2857}";
    private static final String STATUS = "{\"type\":\"status\",\"scope\":\"connection\",\"id\":\"conn-03\","
            + "\"state\":\"stale\",\"products\":[\"BTC-USD\"]}";

    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final MarketState market = new MarketState(List.of("BTC-USD", "ETH-USD"));
    private final SocketIoLoop loop = new SocketIoLoop(SocketIoOptions.defaults(), new EngineSessions(),
            new NoSlots());
    private final RecordingSession session = new RecordingSession();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aConnectedClientGetsVolumeAlertAndStatusEventsWithTheNativeObjects() {
        connected();
        alert(1);
        status(0);
        assertEquals(List.of("42[\"volume_alert\"," + ALERT + "]", "42[\"status\"," + STATUS + "]"), session.frames);
    }

    @Test
    void aClientSubscribedToTickersOnlyGetsNeitherAndOneThatLeftTheNamespaceNothing() {
        EndpointClient client = connected();
        client.onText("42[\"subscribe\",{\"products\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}]"
                .getBytes(StandardCharsets.UTF_8));
        alert(1);
        status(0);
        assertEquals(List.of(), session.frames, "alerts and status are not followed after this subscribe");
        client.onText("42[\"subscribe\",{\"products\":[\"ETH-USD\"],\"channels\":[\"alerts\"]}]"
                .getBytes(StandardCharsets.UTF_8));
        alert(1);
        assertEquals(List.of("42[\"volume_alert\"," + ALERT + "]"), session.frames);
        client.onText("41".getBytes(StandardCharsets.UTF_8));
        alert(1);
        assertEquals(1, session.frames.size(), "nothing after the client left the namespace");
    }

    /** A client opened on the loop, past the Engine.IO handshake and the Socket.IO CONNECT. */
    private EndpointClient connected() {
        EndpointClient client = loop.open(session);
        channel.runPendingTasks();
        assertTrue(session.replies.get(0).startsWith("0{\"sid\":"), () -> "the handshake: " + session.replies);
        client.onText("40".getBytes(StandardCharsets.UTF_8));
        assertTrue(session.replies.get(1).startsWith("40{\"sid\":"), () -> "the CONNECT answer: " + session.replies);
        return client;
    }

    private void alert(int product) {
        ByteBuf frame = frame(ALERT);
        loop.onAlert(product, 5, frame, 0, frame.readableBytes());
        frame.release();
    }

    private void status(int product) {
        ByteBuf frame = frame(STATUS);
        loop.onStatus(frame, new int[] {product});
        frame.release();
    }

    private static ByteBuf frame(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = Unpooled.buffer();
        WebSocketFrames.appendText(out, bytes, 0, bytes.length);
        return out;
    }

    /** The payload of the single unmasked text frame in {@code frames}. */
    private static String payload(ByteBuf frames) {
        int header = ForwardedEvents.headerLength(frames, frames.readerIndex());
        return frames.toString(frames.readerIndex() + header, frames.readableBytes() - header,
                StandardCharsets.UTF_8);
    }

    private final class RecordingSession implements EndpointSession {
        final List<String> replies = new ArrayList<>();
        final List<String> frames = new ArrayList<>();
        private final ProductFilter ticker = new ProductFilter();

        @Override
        public String id() {
            return "c-1";
        }

        @Override
        public String requestUri() {
            return SocketIoEndpoint.PATH + "?EIO=4&transport=websocket";
        }

        @Override
        public ChannelHandlerContext ctx() {
            return channel.pipeline().firstContext();
        }

        @Override
        public boolean closing() {
            return false;
        }

        @Override
        public ProductFilter ticker() {
            return ticker;
        }

        @Override
        public void snapshotSent(int product, long seq, double price) {
        }

        @Override
        public void subscriptionsChanged(List<String> subscriptions) {
        }

        @Override
        public void reply(byte[] payload) {
            replies.add(new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void reply(JsonBytes payload) {
            replies.add(new String(payload.array(), 0, payload.length(), StandardCharsets.UTF_8));
        }

        @Override
        public void replyFrames(ByteBuf frames, int count) {
            assertEquals(1, count);
            this.frames.add(payload(frames));
            frames.release();
        }

        @Override
        public long takeCommandToken() {
            return 0;
        }

        @Override
        public void countCommandError() {
        }

        @Override
        public FanoutOptions options() {
            return FanoutOptions.defaults();
        }

        @Override
        public MarketView market() {
            return market;
        }

        @Override
        public long epochNanos() {
            return 0;
        }

        @Override
        public long uptimeNanos() {
            return 0;
        }
    }

    private static final class NoSlots implements PluginClients {
        @Override
        public boolean admit() {
            return false;
        }

        @Override
        public void release() {
        }

        @Override
        public int maxClients() {
            return 0;
        }

        @Override
        public FanoutOptions options() {
            return FanoutOptions.defaults();
        }

        @Override
        public MarketView market() {
            return new MarketState(List.of());
        }

        @Override
        public void countCommandError() {
        }
    }
}
