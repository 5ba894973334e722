package dev.tickerplant.fanout;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a plain-HTTP connection (a monitor's keep-alive, a client that never sends its upgrade) after a time without
 * reads or writes. It sits first in every client's pipeline and leaves it when the WebSocket upgrade completes: from
 * then on the session's own idle check, which counts pongs and commands, takes over.
 */
final class HttpIdleTimeout extends IdleStateHandler {
    static final String NAME = "http-idle";

    HttpIdleTimeout(Duration timeout) {
        super(0, 0, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        ctx.close();
    }
}
