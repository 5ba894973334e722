package dev.tickerplant.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransportTest {

    /** The build ships the Linux x86_64 native libraries: there, auto must find epoll, not fall back. */
    @Test
    void autoIsEpollWhereTheShippedLibraryFits() {
        assumeTrue(shippedLibraryFits(), "no native library is shipped for this platform");
        assertNull(Transport.EPOLL.unavailabilityCause());
        assertSame(Transport.EPOLL, Transport.choose("auto"));
    }

    @Test
    void withoutThePropertyThisProcessGetsAuto() {
        assumeTrue(System.getProperty(Transport.PROPERTY) == null);
        assertSame(Transport.choose("auto"), Transport.forThisProcess());
    }

    /** Group, server channel and client channel of one constant work together over a real loopback socket. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void echoesOverLoopback(Transport transport) throws Exception {
        assumeTrue(transport.unavailabilityCause() == null, () -> transport + " cannot load here");
        EventLoopGroup group = transport.group(2, new DefaultThreadFactory("transport-test", true));
        try {
            for (var executor : group) {
                assertInstanceOf(IoEventLoop.class, executor);
                assertEquals(true, ((IoEventLoop) executor).isIoType(handlerOf(transport)), transport.key());
            }
            Channel server = new ServerBootstrap().group(group).channel(transport.serverChannel())
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg);
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            assertInstanceOf(transport.serverChannel(), server);
            CompletableFuture<String> echoed = new CompletableFuture<>();
            Channel client = new Bootstrap().group(group).channel(transport.socketChannel())
                    .handler(new SimpleChannelInboundHandler<ByteBuf>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                            echoed.complete(msg.toString(StandardCharsets.US_ASCII));
                        }
                    })
                    .connect(server.localAddress()).sync().channel();
            assertInstanceOf(transport.socketChannel(), client);
            client.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII)).sync();
            assertEquals("ping", echoed.get(10, TimeUnit.SECONDS));
            assertEquals("127.0.0.1", ((InetSocketAddress) client.remoteAddress()).getAddress().getHostAddress());
            client.close().sync();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static Class<? extends IoHandler> handlerOf(Transport transport) {
        return switch (transport) {
            case EPOLL -> EpollIoHandler.class;
            case IO_URING -> IoUringIoHandler.class;
            case NIO -> NioIoHandler.class;
        };
    }

    private static boolean shippedLibraryFits() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
