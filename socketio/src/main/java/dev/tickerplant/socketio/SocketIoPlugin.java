package dev.tickerplant.socketio;

import dev.tickerplant.fanout.Encoding;
import dev.tickerplant.fanout.EndpointPlugin;
import dev.tickerplant.fanout.PluginHttp;
import dev.tickerplant.fanout.PluginLoop;

/** {@code /socket.io/}: Engine.IO 4 / Socket.IO 5, WebSocket through the fanout and long-polling beside it. */
final class SocketIoPlugin implements EndpointPlugin {
    static final String PATH = "/socket.io/";
    static final String PROTOCOL = "socket.io";

    private final SocketIoOptions options;
    private final EngineSessions sessions = new EngineSessions();
    private final Encoding encoding = new SocketIoEncoding();
    private final PluginHttp polling;

    SocketIoPlugin(SocketIoOptions options) {
        this.options = options;
        this.polling = new PollingTransport(options, sessions, System::nanoTime);
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public Encoding encoding() {
        return encoding;
    }

    /** Sent as the client's CONNECT_ERROR before the server closes it (the server is full). */
    @Override
    public byte[] refusal(String message) {
        return EnginePackets.message(SocketPacket.connectError(SocketPacket.MAIN_NAMESPACE, message))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public PluginLoop newLoop() {
        return new SocketIoLoop(options, sessions);
    }

    @Override
    public PluginHttp http() {
        return polling;
    }
}
