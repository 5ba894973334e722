package dev.tickerplant.ingest.upstream;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Stacks one upstream pipeline: TLS (certificate and host name verified) → HTTP codec → WebSocket handshake and
 * protocol → message aggregation → the link. The watchdog is not in the pipeline: the session runs it on its own
 * timers ({@link LinkWatchdog}), from the keep-alive subscribe on.
 */
final class UpstreamChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String LINK = "link";
    private static final String USER_AGENT = "tickerplant/" + java.util.Objects.requireNonNullElse(
            UpstreamChannelInitializer.class.getPackage().getImplementationVersion(), "dev");

    private final UpstreamOptions options;
    private final SslContext sslContext;
    private final UpstreamLink link;

    UpstreamChannelInitializer(UpstreamOptions options, SslContext sslContext, UpstreamLink link) {
        this.options = options;
        this.sslContext = sslContext;
        this.link = link;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        if (sslContext != null) {
            SslHandler ssl = sslContext.newHandler(ch.alloc(), options.host(), options.port());
            SSLEngine engine = ssl.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
            ssl.setHandshakeTimeoutMillis(options.connectTimeout().toMillis());
            p.addLast("tls", ssl);
        }
        p.addLast("http", new HttpClientCodec());
        p.addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(options.uri())
                .version(WebSocketVersion.V13)
                .customHeaders(new DefaultHttpHeaders().set(HttpHeaderNames.USER_AGENT, USER_AGENT))
                .maxFramePayloadLength(options.maxFrameSize())
                .handshakeTimeoutMillis(options.connectTimeout().toMillis())
                .handleCloseFrames(false) // the link reads the close code and reason for its log line
                .dropPongFrames(true)
                // Invalid UTF-8 in a text frame is one malformed frame: the decoder takes printable ASCII only and
                // rejects it, counted and skipped, instead of Netty failing the whole connection with 1007.
                .withUTF8Validator(false)
                .build();
        p.addLast("websocket", new WebSocketClientProtocolHandler(config));
        p.addLast("ws-aggregator", new WebSocketFrameAggregator(options.maxFrameSize()));
        p.addLast(LINK, link);
        link.attach(ch);
    }
}
