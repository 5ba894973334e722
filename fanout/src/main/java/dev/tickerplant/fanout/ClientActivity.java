package dev.tickerplant.fanout;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.LongSupplier;

/**
 * Sits first in a client's pipeline and notes when its last bytes arrived, whatever they carry (command, ping, pong,
 * close, part of a frame): the idle check closes clients that sent nothing for 2.5 heartbeat intervals.
 */
final class ClientActivity extends ChannelInboundHandlerAdapter {
    private final LongSupplier nanoTime;
    private volatile long lastNanos;

    ClientActivity(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastNanos = nanoTime.getAsLong();
    }

    long lastNanos() {
        return lastNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastNanos = nanoTime.getAsLong();
        ctx.fireChannelRead(msg);
    }
}
