package dev.tickerplant.bench.subscriber;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.atomic.LongAdder;

/**
 * One benchmark client: subscribes once the upgrade is done, then for every {@code ticker} message records its
 * latency and checks that the global {@code seq} has no holes (a hole is a tick the server conflated away or lost).
 * Confined to its channel's event loop.
 */
final class SubscriberHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final byte[] SUBSCRIPTIONS = TickerFields.ascii("{\"type\":\"subscriptions\"");
    private static final byte[] PONG = TickerFields.ascii("{\"type\":\"pong\"");
    private static final byte[] DROPPED = TickerFields.ascii("\"dropped\":");

    private final String subscribe;
    private final boolean checkGaps;
    private final SubscriberFigures figures;
    private final EpochClock clock;
    private final LongAdder droppedReported;
    private final LongAdder pongs;
    private long lastSeq = -1;

    /**
     * @param checkGaps true when the client follows every product, so consecutive messages carry consecutive seqs
     */
    SubscriberHandler(String subscribe, boolean checkGaps, SubscriberFigures figures, EpochClock clock,
                      LongAdder droppedReported, LongAdder pongs) {
        this.subscribe = subscribe;
        this.checkGaps = checkGaps;
        this.figures = figures;
        this.clock = clock;
        this.droppedReported = droppedReported;
        this.pongs = pongs;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            figures.connected.incrementAndGet();
            ctx.writeAndFlush(new TextWebSocketFrame(subscribe));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) {
            return;
        }
        long now = clock.nowNanos();
        ByteBuf json = frame.content();
        if (TickerFields.isTicker(json)) {
            figures.record(TickerFields.exchangeTimeNanos(json), TickerFields.receiveTimeNanos(json), now);
            long seq = TickerFields.seq(json);
            if (checkGaps && seq != TickerFields.ABSENT) {
                if (lastSeq >= 0 && seq > lastSeq + 1) {
                    figures.gap(seq - lastSeq - 1);
                }
                lastSeq = Math.max(lastSeq, seq);
            }
        } else if (TickerFields.startsWith(json, SUBSCRIPTIONS)) {
            figures.subscribed.incrementAndGet();
        } else if (TickerFields.startsWith(json, PONG)) {
            int at = TickerFields.indexOf(json, DROPPED);
            if (at >= 0) {
                long dropped = TickerFields.readLong(json, at + DROPPED.length);
                if (dropped != TickerFields.ABSENT) {
                    droppedReported.add(dropped);
                }
            }
            pongs.increment();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        figures.closed.incrementAndGet();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
