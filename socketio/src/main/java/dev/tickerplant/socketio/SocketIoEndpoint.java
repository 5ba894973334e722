package dev.tickerplant.socketio;

import dev.tickerplant.fanout.EndpointPlugin;
import java.util.Objects;

/**
 * The Socket.IO endpoint, to plug into a fanout server beside the others:
 *
 * <pre>
 * new FanoutServer(options, market, upstream, routes, List.of(SocketIoEndpoint.plugin(SocketIoOptions.defaults())));
 * </pre>
 */
public final class SocketIoEndpoint {
    /** Where socket.io-client looks by default. */
    public static final String PATH = SocketIoPlugin.PATH;

    private SocketIoEndpoint() {
    }

    public static EndpointPlugin plugin(SocketIoOptions options) {
        return new SocketIoPlugin(Objects.requireNonNull(options, "options"));
    }
}
