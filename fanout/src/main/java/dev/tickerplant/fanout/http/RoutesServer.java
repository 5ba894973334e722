package dev.tickerplant.fanout.http;

import dev.tickerplant.fanout.security.AccessPolicy;
import dev.tickerplant.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP routes on a port of their own, with no subscriber endpoint: what a node serves when it has no
 * subscribers (an ingest node's /health, /api/* and /metrics). One event loop; the routes answer from figures, or
 * later through {@link HttpRoutes#handleAsync} without holding the loop (the router keeps answers in request order).
 */
public final class RoutesServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoutesServer.class);
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int IDLE_SECONDS = 75;

    private final EventLoopGroup group;
    private final Channel channel;

    private RoutesServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds and serves.
     *
     * @param requestTimeout a request must arrive whole within this (see {@link HttpRequestDeadline})
     * @throws IllegalStateException when the address cannot be bound, with one line naming it and the cause
     */
    public static RoutesServer start(String host, int port, HttpRoutes routes, AccessPolicy access,
                                     Transport transport, Duration requestTimeout) {
        EventLoopGroup group = transport.group(1, new DefaultThreadFactory("http-routes", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // Not counted: this node's /metrics has no fanout figures.
                        HttpRequestDeadline deadline = new HttpRequestDeadline(requestTimeout, () -> { });
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS) {
                                    @Override
                                    protected void channelIdle(io.netty.channel.ChannelHandlerContext ctx,
                                                               io.netty.handler.timeout.IdleStateEvent evt) {
                                        ctx.close();
                                    }
                                })
                                .addLast(HttpRequestDeadline.NAME, deadline)
                                .addLast(new HttpServerCodec())
                                .addLast(HttpRequestDeadline.END_NAME, deadline.requestEnd())
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(new HttpRequestRouter(Set.of(), routes, access));
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("HTTP routes cannot listen on " + host + ":" + port + ": "
                    + bound.cause().getMessage());
        }
        RoutesServer server = new RoutesServer(group, bound.channel());
        log.info("HTTP routes listening on http://{}:{} (no subscriber endpoint on this node)", host, server.port());
        return server;
    }

    /** The server's event loop, for liveness checks that submit a task to it. */
    public List<EventLoop> eventLoops() {
        List<EventLoop> all = new ArrayList<>();
        group.forEach(executor -> all.add((EventLoop) executor));
        return all;
    }

    /** The bound port (the chosen one when asked for 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
