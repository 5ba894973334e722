package dev.tickerplant.fanout;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Ticker;

/**
 * Sits first in a client's pipeline and notes when its last bytes arrived, whatever they carry (command, ping, pong,
 * close, part of a frame): the idle check closes clients that sent nothing for 2.5 heartbeat intervals. Times are read
 * from the channel's event loop clock, the one that fires the idle check.
 */
final class ClientActivity extends ChannelInboundHandlerAdapter {
    private Ticker clock;
    private volatile long lastNanos;

    /** When the last bytes arrived, on the channel's event loop clock ({@code ctx.executor().ticker()}). */
    long lastNanos() {
        return lastNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        clock = ctx.executor().ticker();
        lastNanos = clock.nanoTime();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastNanos = clock.nanoTime();
        ctx.fireChannelRead(msg);
    }
}
