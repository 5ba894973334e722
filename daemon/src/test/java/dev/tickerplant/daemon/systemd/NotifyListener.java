package dev.tickerplant.daemon.systemd;

import org.awaitility.Awaitility;
import dev.tickerplant.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Stands in for systemd: a Unix datagram socket bound where NOTIFY_SOCKET would point, keeping every message. */
public final class NotifyListener implements AutoCloseable {
    private final EventLoopGroup group = Transport.EPOLL.group(1, new DefaultThreadFactory("fake-systemd", true));
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Channel channel;

    /** @param address a path, or a name starting with NUL for the abstract namespace */
    public NotifyListener(String address) {
        channel = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket packet) {
                        messages.add(packet.content().toString(StandardCharsets.UTF_8));
                    }
                })
                .bind(new DomainSocketAddress(address)).syncUninterruptibly().channel();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Waits for a message that matches, and returns it. */
    public String awaitMessage(String what, Predicate<String> matches, Duration atMost) {
        Awaitility.await(what).atMost(atMost).until(() -> messages.stream().anyMatch(matches));
        return messages.stream().filter(matches).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
