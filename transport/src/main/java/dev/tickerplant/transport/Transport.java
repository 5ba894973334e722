package dev.tickerplant.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The Netty transports tickerplant runs on. A channel registers only on event loops of its own transport, so whoever
 * builds a group and a bootstrap takes both from the same constant.
 *
 * <pre>
 * Transport transport = Transport.choose("auto");      // epoll on Linux, else nio; logged once
 * EventLoopGroup loops = transport.group(2, threadFactory);
 * new Bootstrap().group(loops).channel(transport.socketChannel());
 * </pre>
 */
public enum Transport {
    EPOLL("epoll"),
    IO_URING("io_uring"),
    NIO("nio");

    /** Overrides {@code auto} in processes that have no setting of their own: the simulator, bench clients, tests. */
    public static final String PROPERTY = "tickerplant.transport";

    private final String key;

    Transport(String key) {
        this.key = key;
    }

    /**
     * The transport for {@code requested}: {@code auto} (epoll where its native library loads, else nio),
     * {@code epoll}, {@code io_uring} or {@code nio}. The same request always gets the same answer in one process,
     * and the choice is logged the first time.
     *
     * @throws IllegalArgumentException for any other text
     * @throws IllegalStateException when a native transport was asked for by name and cannot load here
     */
    public static Transport choose(String requested) {
        return TransportChooser.PROCESS.choose(requested);
    }

    /** {@link #choose} with the {@value #PROPERTY} system property, {@code auto} when it is not set. */
    public static Transport forThisProcess() {
        return choose(System.getProperty(PROPERTY, TransportChooser.AUTO));
    }

    /** The name used in settings and logs. */
    public String key() {
        return key;
    }

    /** Event loops of this transport. */
    public EventLoopGroup group(int threads, ThreadFactory threadFactory) {
        IoHandlerFactory io = switch (this) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, io);
    }

    /** The listening-socket channel class for {@code ServerBootstrap.channel}. */
    public Class<? extends ServerSocketChannel> serverChannel() {
        return switch (this) {
            case EPOLL -> EpollServerSocketChannel.class;
            case IO_URING -> IoUringServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    /** The connecting-socket channel class for {@code Bootstrap.channel}. */
    public Class<? extends SocketChannel> socketChannel() {
        return switch (this) {
            case EPOLL -> EpollSocketChannel.class;
            case IO_URING -> IoUringSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }

    /**
     * Why this transport cannot run in this process, or null when it can. Netty probes each native library once, on
     * first use of its class, so only the transports asked about are ever loaded.
     */
    Throwable unavailabilityCause() {
        return switch (this) {
            case EPOLL -> Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
            case IO_URING -> IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
            case NIO -> null;
        };
    }

    @Override
    public String toString() {
        return key;
    }
}
