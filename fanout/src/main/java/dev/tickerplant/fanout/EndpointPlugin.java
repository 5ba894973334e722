package dev.tickerplant.fanout;

import io.netty.channel.EventLoop;

/**
 * A WebSocket endpoint served next to the native {@code /ws} on the same port, with its own wire protocol, given to
 * the server when it is built. The server routes upgrades of {@link #path()} to it and gives it everything a native
 * client has: admission, limits, event loops, shared tick buffers, conflation, slow-client handling and figures.
 *
 * <pre>
 * FanoutServer server = new FanoutServer(options, market, upstream, routes, List.of(plugin));
 * </pre>
 */
public interface EndpointPlugin {
    /** The URL path of the endpoint, e.g. {@code /other/feed}; a query string is allowed on upgrades. */
    String path();

    /** The protocol its clients speak, as {@code /api/connections} reports them. */
    String protocol();

    /** How ticks are encoded for its clients; the same instance every call. */
    Encoding encoding();

    /**
     * The protocol's error message saying {@code message} (one line), sent to a client refused because the server is
     * full before it is closed with 1013.
     */
    byte[] refusal(String message);

    /** The plug-in's share of one event loop; called once per loop when the server starts. */
    PluginLoop newLoop();

    /**
     * The plug-in's share of the event loop {@code executor}, with the server's count of the plug-in's clients that
     * have no WebSocket; called once per loop when the server starts. The default is {@link #newLoop()}.
     */
    default PluginLoop newLoop(EventLoop executor, PluginClients clients) {
        return newLoop();
    }

    /** Plain HTTP requests on {@link #path()}, e.g. a long-polling transport; null (the default) when it has none. */
    default PluginHttp http() {
        return null;
    }
}
