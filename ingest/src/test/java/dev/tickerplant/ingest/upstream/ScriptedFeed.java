package dev.tickerplant.ingest.upstream;

import dev.tickerplant.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare Advanced Trade endpoint whose every outgoing frame the test writes: it acks subscribe messages the way
 * Coinbase does (cumulatively) and otherwise sends exactly the bytes it is given, as text or binary frames, on the
 * newest connection. What the simulator cannot do: send arbitrary mutated, binary and oversized frames.
 */
final class ScriptedFeed implements AutoCloseable {
    private static final Pattern CHANNEL = Pattern.compile("\"channel\"\\s*:\\s*\"([a-z_]+)\"");

    private final Transport transport = Transport.forThisProcess();
    private final EventLoopGroup group = transport.group(1, new DefaultThreadFactory("scripted-feed", true));
    private final Channel server;
    private final List<String> products;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Channel latest;

    ScriptedFeed(List<String> products) {
        this.products = List.copyOf(products);
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/").maxFramePayloadLength(1 << 20).build();
        server = new ServerBootstrap().group(group).channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketServerProtocolHandler(config), new Acknowledger());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        // Like Coinbase's heartbeats channel: the client's watchdog sees a frame at least this often.
        group.scheduleAtFixedRate(this::sendHeartbeat, 200, 200, TimeUnit.MILLISECONDS);
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/");
    }

    /** WebSocket connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Sends {@code payload} unchanged as one text frame, valid UTF-8 or not; waits until it is written. */
    void sendText(byte[] payload) {
        latest.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(payload))).syncUninterruptibly();
    }

    void sendBinary(byte[] payload) {
        latest.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload))).syncUninterruptibly();
    }

    /** A well-formed ticker for {@code product} whose 24 h volume is {@code volume}, so every one is distinct. */
    void sendTicker(String product, String volume) {
        sendText(("{\"channel\":\"ticker\",\"timestamp\":\"" + Instant.now() + "\",\"sequence_num\":"
                + sequence.incrementAndGet() + ",\"events\":[{\"type\":\"update\",\"tickers\":[{\"type\":\"ticker\","
                + "\"product_id\":\"" + product + "\",\"price\":\"100.5\",\"volume_24_h\":\"" + volume + "\","
                + "\"low_24_h\":\"99\",\"high_24_h\":\"101\",\"low_52_w\":\"50\",\"high_52_w\":\"150\","
                + "\"price_percent_chg_24_h\":\"0.5\",\"best_bid\":\"100.4\",\"best_ask\":\"100.6\","
                + "\"best_bid_quantity\":\"1\",\"best_ask_quantity\":\"2\"}]}]}").getBytes(StandardCharsets.UTF_8));
    }

    private void sendHeartbeat() {
        Channel channel = latest;
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(new TextWebSocketFrame("{\"channel\":\"heartbeats\",\"timestamp\":\""
                    + Instant.now() + "\",\"sequence_num\":" + sequence.incrementAndGet() + ",\"events\":[{"
                    + "\"current_time\":\"" + Instant.now() + "\",\"heartbeat_counter\":" + sequence.get() + "}]}"));
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Answers every subscribe with the cumulative ack of the channels subscribed on that connection so far. */
    private final class Acknowledger extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final TreeSet<String> channels = new TreeSet<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                connections.incrementAndGet();
                latest = ctx.channel();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            Matcher channel = CHANNEL.matcher(frame.text());
            if (!frame.text().contains("\"subscribe\"") || !channel.find()) {
                return;
            }
            channels.add(channel.group(1));
            StringBuilder ack = new StringBuilder("{\"channel\":\"subscriptions\",\"timestamp\":\"" + Instant.now()
                    + "\",\"sequence_num\":" + sequence.incrementAndGet() + ",\"events\":[{\"subscriptions\":{");
            String separator = "";
            for (String name : channels) {
                ack.append(separator).append('"').append(name).append("\":[");
                List<String> ids = name.equals("heartbeats") ? List.of("heartbeats") : products;
                for (int i = 0; i < ids.size(); i++) {
                    ack.append(i == 0 ? "" : ",").append('"').append(ids.get(i)).append('"');
                }
                ack.append(']');
                separator = ",";
            }
            ack.append("}}]}");
            ctx.writeAndFlush(new TextWebSocketFrame(ack.toString()));
        }
    }
}
