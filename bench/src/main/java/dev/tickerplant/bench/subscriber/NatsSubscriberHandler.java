package dev.tickerplant.bench.subscriber;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * One core-NATS client of nats-server: on connect it sends {@code CONNECT}, subscribes to every ticker subject and
 * sends a {@code PING}, whose {@code PONG} proves the server has registered the subscription; every message payload
 * then goes to its {@link TickerRecorder}, exactly as a ticker read from the daemon's WebSocket does.
 */
final class NatsSubscriberHandler extends ChannelInboundHandlerAdapter implements NatsClientDecoder.Listener {

    /** The subject every benchmark publisher uses is {@code tickerplant.ticker.<PRODUCT>}. */
    static final String ALL_TICKERS = "tickerplant.ticker.>";

    private final SubscriberFigures figures;
    private final TickerRecorder recorder;
    private boolean subscribed;

    NatsSubscriberHandler(SubscriberFigures figures, TickerRecorder recorder) {
        this.figures = figures;
        this.recorder = recorder;
    }

    /** Verbose off (no {@code +OK} per operation), pedantic off, no headers: the leanest core-NATS session. */
    static ByteBuf handshake(String subject) {
        return Unpooled.copiedBuffer("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":false,"
                + "\"name\":\"tickerplant-bench-subscriber\",\"lang\":\"java\",\"version\":\"0\"}\r\n"
                + "SUB " + subject + " 1\r\nPING\r\n", StandardCharsets.US_ASCII);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        figures.connected.incrementAndGet();
        ctx.writeAndFlush(handshake(ALL_TICKERS));
        super.channelActive(ctx);
    }

    @Override
    public void onMessage(ChannelHandlerContext ctx, ByteBuf buffer, int from, int to) {
        recorder.record(buffer, from, to);
    }

    @Override
    public void onPong(ChannelHandlerContext ctx) {
        if (!subscribed) {
            subscribed = true;
            figures.subscribed.incrementAndGet();
        }
    }

    @Override
    public void onError(ChannelHandlerContext ctx, String message) {
        System.out.println("ERROR nats-server: " + message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        figures.closed.incrementAndGet();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        System.out.println("ERROR nats connection: " + cause);
        ctx.close();
    }
}
