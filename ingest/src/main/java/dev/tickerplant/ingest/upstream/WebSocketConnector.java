package dev.tickerplant.ingest.upstream;

import dev.tickerplant.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;

/** Opens a link's channel on the session's own event loop: TCP, then TLS and the WebSocket handshake. */
final class WebSocketConnector implements UpstreamConnector {
    private final UpstreamOptions options;
    private final SslContext sslContext;
    private final Transport transport;
    private final EventLoop loop;

    /**
     * @param sslContext null for ws:// URLs
     * @param transport  the transport {@code loop} belongs to: a channel registers only on loops of its own kind
     */
    WebSocketConnector(UpstreamOptions options, SslContext sslContext, Transport transport, EventLoop loop) {
        this.options = options;
        this.sslContext = sslContext;
        this.transport = transport;
        this.loop = loop;
    }

    @Override
    public void connect(UpstreamLink link, Runnable onClosed) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new UpstreamChannelInitializer(options, sslContext, link));
        ChannelFuture future = bootstrap.connect(options.host(), options.port());
        // The failure listener goes first: a refused connect can fail (and close) before connect() returns, and then
        // listeners run at once, in the order they are added; the reason must be recorded before the close is handled.
        future.addListener(f -> {
            if (!f.isSuccess()) {
                link.close("connect failed: " + UpstreamLink.describe(f.cause()));
            }
        });
        future.channel().closeFuture().addListener(f -> onClosed.run());
    }
}
