package dev.tickerplant.bench.subscriber;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.LongAdder;

/** First in a client's pipeline: counts the bytes read off its socket, before any decoding or inflating. */
final class WireBytes extends ChannelInboundHandlerAdapter {
    private final LongAdder total;

    WireBytes(LongAdder total) {
        this.total = total;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            total.add(bytes.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }
}
