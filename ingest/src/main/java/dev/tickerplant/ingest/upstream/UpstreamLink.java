package dev.tickerplant.ingest.upstream;

import dev.tickerplant.ingest.codec.AsciiField;
import dev.tickerplant.ingest.codec.DecodedFrame;
import dev.tickerplant.ingest.codec.FeedDecoder;
import dev.tickerplant.ingest.codec.FrameFormatException;
import dev.tickerplant.ingest.codec.FrameType;
import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.ingest.ring.TickOrigin;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One WebSocket channel of an {@link UpstreamSession}: decodes its frames, checks its {@code sequence_num}, publishes
 * its tickers and reports lifecycle events to the session. A session has one link, two while it rotates. Runs on the
 * session's event loop only.
 */
final class UpstreamLink extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final int GOING_AWAY = 1001;

    private final UpstreamSession session;
    private final long linkId;
    /** The products this link subscribes to: the session's list when the link was opened. */
    private final List<String> products;
    /** This link's own: a decoder keeps its parser from one frame to the next. */
    private final FeedDecoder decoder;
    private final DecodedFrame frame = new DecodedFrame();
    private final TickOrigin origin = new TickOrigin();
    private final Set<AsciiField> flowing = new HashSet<>();
    private byte[] scratch = new byte[4096];
    private Channel channel;
    private String closeReason;
    /** The status code of the server's close frame, when that frame is what ended the link; 0 otherwise. */
    private int serverCloseCode;
    private long expectedSequence;
    private boolean acked;
    private boolean keepAliveAcked;
    private int ackedProducts;
    private boolean firstData;
    final long openedNanos;
    /** When the last frame of any kind arrived; the watchdog reads it. */
    private long lastFrameNanos;
    long messages;

    UpstreamLink(UpstreamSession session, long linkId, FeedDecoder decoder, long nowNanos, List<String> products) {
        super(WebSocketFrame.class, true);
        this.session = session;
        this.products = List.copyOf(products);
        this.linkId = linkId;
        this.decoder = decoder;
        this.openedNanos = nowNanos;
        this.lastFrameNanos = nowNanos;
        origin.connectionId = session.id();
        origin.leg = session.leg();
        origin.linkId = linkId;
    }

    long linkId() {
        return linkId;
    }

    List<String> products() {
        return products;
    }

    void attach(Channel channel) {
        this.channel = channel;
    }

    Channel channel() {
        return channel;
    }

    /** Attached and not closed yet. */
    boolean isOpen() {
        return channel != null && channel.isActive();
    }

    long lastFrameNanos() {
        return lastFrameNanos;
    }

    /** The ticker channel is acked: the link streams. */
    boolean acked() {
        return acked;
    }

    boolean keepAliveAcked() {
        return keepAliveAcked;
    }

    boolean deliveredData() {
        return firstData;
    }

    int ackedProducts() {
        return ackedProducts;
    }

    int flowingProducts() {
        return flowing.size();
    }

    /** The products that delivered at least one ticker on this link (allocates: call when the count changed). */
    java.util.Set<String> flowingIds() {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (AsciiField f : flowing) {
            ids.add(f.toString());
        }
        return java.util.Collections.unmodifiableSet(ids);
    }

    /** Sends one text message if the channel is still open. */
    void send(String text) {
        if (isOpen()) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    /** A WebSocket ping, so middleboxes do not drop a socket that only reads. */
    void ping() {
        if (isOpen()) {
            channel.writeAndFlush(new PingWebSocketFrame());
        }
    }

    /** The single way to end a link: the close listener in the session decides what happens next. */
    void close(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        if (channel != null) {
            channel.close();
        }
    }

    /** The server ended this link with a 1001 "going away" close frame, as Coinbase does on its deploys. */
    boolean serverWentAway() {
        return serverCloseCode == GOING_AWAY;
    }

    String closeReason() {
        return closeReason != null ? closeReason : "connection closed by peer";
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            session.onHandshakeComplete(this);
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            close("WebSocket handshake timed out");
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame msg) {
        long now = session.nanoTime();
        messages++;
        lastFrameNanos = now;
        session.onFrame(this, now);
        if (msg instanceof TextWebSocketFrame) {
            onText(msg.content(), now);
        } else if (msg instanceof CloseWebSocketFrame close) {
            if (closeReason == null) {
                serverCloseCode = close.statusCode();
            }
            close("server closed with " + close.statusCode() + " " + close.reasonText());
        } else if (msg instanceof BinaryWebSocketFrame) {
            session.onMalformed(this, "binary frame of " + msg.content().readableBytes() + " bytes (expected text)");
        }
    }

    private void onText(ByteBuf content, long now) {
        int length = content.readableBytes();
        byte[] bytes;
        int offset;
        if (content.hasArray()) {
            bytes = content.array();
            offset = content.arrayOffset() + content.readerIndex();
        } else {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            content.getBytes(content.readerIndex(), scratch, 0, length);
            bytes = scratch;
            offset = 0;
        }
        frame.reset();
        try {
            decoder.decode(bytes, offset, length, frame);
        } catch (FrameFormatException e) {
            session.onMalformed(this, e.getMessage());
            return;
        }
        trackSequence(frame.sequenceNum());
        switch (frame.type()) {
            case TICKER, TICKER_BATCH -> onTickers(now);
            case HEARTBEAT -> session.onHeartbeat(this);
            case SUBSCRIPTIONS -> onAck(frame.subscriptions());
            case ERROR -> session.onErrorMessage(this, frame.errorMessage(), frame.errorReason());
            case IGNORED -> session.onIgnored(this);
        }
    }

    private void onTickers(long now) {
        origin.upstreamSequenceNum = frame.sequenceNum();
        origin.receivedNanos = now;
        origin.receivedEpochNanos = session.epochNanos();
        origin.batch = frame.type() == FrameType.TICKER_BATCH;
        int n = frame.tickerCount();
        for (int i = 0; i < n; i++) {
            TickerSlot ticker = frame.ticker(i);
            if (flowing.size() < ackedProducts || !acked) {
                markFlowing(ticker);
            }
            session.publish(ticker, origin);
        }
        if (!firstData && n > 0) {
            firstData = true;
            session.onFirstData(this);
        }
    }

    private void markFlowing(TickerSlot ticker) {
        // Only until every product has shown up once; after that, the hot path skips the set entirely.
        if (!flowing.contains(ticker.productId)) {
            AsciiField copy = new AsciiField();
            copy.copyFrom(ticker.productId);
            flowing.add(copy);
        }
    }

    private void onAck(Map<String, List<String>> subscriptions) {
        UpstreamDialect protocol = session.protocol();
        List<String> products = protocol.ackedProducts(subscriptions);
        ackedProducts = products.size();
        keepAliveAcked |= protocol.keepAliveAcked(subscriptions);
        if (!acked && protocol.tickerAcked(subscriptions)) {
            acked = true;
            session.onAcked(this, products);
        }
    }

    private void trackSequence(long seq) {
        if (seq < 0) {
            return;
        }
        if (seq > expectedSequence) {
            session.onSequenceGap(this, expectedSequence, seq);
        } else if (seq < expectedSequence) {
            session.onOutOfOrder(this, expectedSequence, seq);
        }
        expectedSequence = Math.max(expectedSequence, seq + 1);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        close(describe(cause));
    }

    static String describe(Throwable cause) {
        if (cause instanceof WebSocketClientHandshakeException h && h.response() != null) {
            return "WebSocket upgrade refused: HTTP " + h.response().status();
        }
        if (cause instanceof ClosedChannelException) {
            return "channel closed";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof IOException && message != null) {
            return message;
        }
        return root.getClass().getSimpleName() + (message != null ? ": " + message : "");
    }
}
