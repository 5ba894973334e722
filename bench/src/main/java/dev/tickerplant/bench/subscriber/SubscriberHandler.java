package dev.tickerplant.bench.subscriber;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.atomic.LongAdder;

/**
 * One WebSocket client of the daemon: subscribes once the upgrade is done, hands every text message to its
 * {@link TickerRecorder}, and counts the subscription acks and the {@code pong} replies that carry the server's
 * {@code dropped} count. Confined to its channel's event loop.
 */
final class SubscriberHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final byte[] SUBSCRIPTIONS = TickerFields.ascii("{\"type\":\"subscriptions\"");
    private static final byte[] PONG = TickerFields.ascii("{\"type\":\"pong\"");
    private static final byte[] DROPPED = TickerFields.ascii("\"dropped\":");

    private final String subscribe;
    private final SubscriberFigures figures;
    private final TickerRecorder recorder;
    private final LongAdder droppedReported;
    private final LongAdder pongs;

    SubscriberHandler(String subscribe, SubscriberFigures figures, TickerRecorder recorder, LongAdder droppedReported,
                      LongAdder pongs) {
        this.subscribe = subscribe;
        this.figures = figures;
        this.recorder = recorder;
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
        ByteBuf json = frame.content();
        int from = json.readerIndex();
        int to = json.writerIndex();
        if (recorder.record(json, from, to)) {
            return;
        }
        if (TickerFields.startsWith(json, from, to, SUBSCRIPTIONS)) {
            figures.subscribed.incrementAndGet();
        } else if (TickerFields.startsWith(json, from, to, PONG)) {
            int at = TickerFields.indexOf(json, from, to, DROPPED);
            if (at >= 0) {
                long dropped = TickerFields.readLong(json, at + DROPPED.length, to);
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
