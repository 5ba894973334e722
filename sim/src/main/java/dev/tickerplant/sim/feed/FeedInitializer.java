package dev.tickerplant.sim.feed;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/** Stacks the pipeline of a new connection: optional TLS, HTTP codec, aggregator, router. */
final class FeedInitializer extends ChannelInitializer<SocketChannel> {

    private final FeedContext context;
    private final ConnectionAdmission admission;
    private final RestApi rest;

    FeedInitializer(FeedContext context, ConnectionAdmission admission, RestApi rest) {
        this.context = context;
        this.admission = admission;
        this.rest = rest;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (context.settings().sslContext() != null) {
            pipeline.addLast("tls", context.settings().sslContext().newHandler(channel.alloc()));
        }
        pipeline.addLast("http", new HttpServerCodec());
        pipeline.addLast("aggregator", new HttpObjectAggregator(HttpRouter.MAX_FRAME_BYTES));
        pipeline.addLast("router", new HttpRouter(context, admission, rest));
    }
}
