package dev.tickerplant.fanout;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Plain HTTP requests (not WebSocket upgrades) on a plug-in endpoint's path, e.g. a long-polling transport
 * ({@link EndpointPlugin#http()}). Each request has passed the server's access check (origin and bearer token) first.
 * Called on the request channel's event loop.
 */
@FunctionalInterface
public interface PluginHttp {
    /**
     * Answers {@code request} on {@code ctx}, at once or later (a long poll); the request is released when this
     * returns, so retain what is kept of it.
     */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request);
}
