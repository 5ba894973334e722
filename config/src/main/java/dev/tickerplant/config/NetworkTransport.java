package dev.tickerplant.config;

/**
 * The network transport asked for. Config knows only the names; the transport module decides what {@code auto}
 * becomes and whether a native one can load, and only {@code auto} may fall back.
 */
public enum NetworkTransport {

    AUTO("auto"),
    EPOLL("epoll"),
    IO_URING("io_uring"),
    NIO("nio");

    private final String key;

    NetworkTransport(String key) {
        this.key = key;
    }

    /** The name used in settings, as the transport module expects it. */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }
}
