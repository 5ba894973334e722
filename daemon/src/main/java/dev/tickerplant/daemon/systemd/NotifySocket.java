package dev.tickerplant.daemon.systemd;

import dev.tickerplant.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's notification socket ({@code $NOTIFY_SOCKET}): an AF_UNIX datagram socket, a path or, with a leading
 * {@code @}, a name in the abstract namespace. Java has no Unix datagram sockets, so this uses Netty's native epoll
 * channel on a one-thread loop of its own.
 */
final class NotifySocket implements NotifySink {
    private static final Logger log = LoggerFactory.getLogger(NotifySocket.class);
    private static final long SEND_NOW_MILLIS = 1_000;

    private final EventLoopGroup group;
    private final Channel channel;
    private final DomainSocketAddress target;
    private volatile boolean failureLogged;

    private NotifySocket(EventLoopGroup group, Channel channel, DomainSocketAddress target) {
        this.group = group;
        this.channel = channel;
        this.target = target;
    }

    /**
     * A sink for {@code address} (the value of {@code $NOTIFY_SOCKET}); {@link NotifySink#NONE} when it is unset or
     * cannot be used, which is logged once: a daemon run by hand or by a plain service has no one to notify.
     */
    static NotifySink open(String address) {
        if (address == null || address.isEmpty()) {
            return NONE;
        }
        if (!address.startsWith("/") && !address.startsWith("@")) {
            log.warn("NOTIFY_SOCKET=\"{}\" is neither a path nor an abstract name (@...): systemd is not notified",
                    address);
            return NONE;
        }
        if (!Epoll.isAvailable()) {
            log.warn("NOTIFY_SOCKET is set but native epoll cannot load ({}): systemd is not notified",
                    Epoll.unavailabilityCause().getMessage());
            return NONE;
        }
        // The abstract namespace is a name whose first byte is NUL; the native code passes the bytes as they are.
        String path = address.startsWith("@") ? "\0" + address.substring(1) : address;
        EventLoopGroup group = Transport.EPOLL.group(1, new DefaultThreadFactory("systemd-notify", true));
        // Unbound and unconnected, like sd_notify's socket: each datagram names its recipient.
        ChannelFuture registered = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .option(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true)
                .handler(new ChannelInboundHandlerAdapter()).register().awaitUninterruptibly();
        if (!registered.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            log.warn("NOTIFY_SOCKET=\"{}\": cannot open a datagram socket ({}): systemd is not notified", address,
                    registered.cause().getMessage());
            return NONE;
        }
        return new NotifySocket(group, registered.channel(), new DomainSocketAddress(path));
    }

    @Override
    public void send(String state) {
        write(state);
    }

    @Override
    public void sendNow(String state) {
        write(state).awaitUninterruptibly(SEND_NOW_MILLIS, TimeUnit.MILLISECONDS);
    }

    private ChannelFuture write(String state) {
        DomainDatagramPacket packet = new DomainDatagramPacket(
                Unpooled.copiedBuffer(state, StandardCharsets.UTF_8), target);
        return channel.writeAndFlush(packet).addListener(f -> {
            if (!f.isSuccess() && !failureLogged) {
                // Once: a vanished socket would otherwise log at every status and watchdog tick.
                failureLogged = true;
                log.warn("cannot notify systemd at NOTIFY_SOCKET ({}); further failures are not logged",
                        String.valueOf(f.cause()));
            }
        });
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(SEND_NOW_MILLIS, TimeUnit.MILLISECONDS);
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }
}
