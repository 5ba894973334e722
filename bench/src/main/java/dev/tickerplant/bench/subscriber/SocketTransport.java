package dev.tickerplant.bench.subscriber;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.lang.reflect.Constructor;
import java.util.concurrent.ThreadFactory;

/**
 * The one place that picks the subscriber process's socket transport: Netty's native epoll when its classes and its
 * native library are on the class path and load, NIO otherwise. Found by reflection, so the harness builds and runs
 * whether or not the build ships {@code netty-transport-native-epoll} (its Linux jar is published for Netty 4.2, not
 * for the 4.1 line this build uses); the choice is printed and reported with every window.
 *
 * @param name epoll or nio
 */
record SocketTransport(String name, GroupFactory groups, Class<? extends SocketChannel> channelClass) {

    /** Makes the event loops. */
    interface GroupFactory {
        EventLoopGroup create(int threads, ThreadFactory threadFactory);
    }

    static SocketTransport choose() {
        SocketTransport epoll = epollIfAvailable();
        return epoll != null ? epoll : new SocketTransport("nio", NioEventLoopGroup::new, NioSocketChannel.class);
    }

    @SuppressWarnings("unchecked")
    private static SocketTransport epollIfAvailable() {
        try {
            Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll");
            if (!(Boolean) epoll.getMethod("isAvailable").invoke(null)) {
                return null;
            }
            Constructor<?> group = Class.forName("io.netty.channel.epoll.EpollEventLoopGroup")
                    .getConstructor(int.class, ThreadFactory.class);
            Class<? extends SocketChannel> channel = (Class<? extends SocketChannel>)
                    Class.forName("io.netty.channel.epoll.EpollSocketChannel");
            return new SocketTransport("epoll", (threads, factory) -> {
                try {
                    return (EventLoopGroup) group.newInstance(threads, factory);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create epoll event loops", e);
                }
            }, channel);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null; // not on the class path, or the native library does not load here
        }
    }
}
