package dev.tickerplant.socketio;

import dev.tickerplant.fanout.Encoding;
import dev.tickerplant.fanout.EndpointPlugin;
import dev.tickerplant.fanout.PluginHttp;
import dev.tickerplant.fanout.PluginClients;
import dev.tickerplant.fanout.PluginLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code /socket.io/}: Engine.IO 4 / Socket.IO 5, WebSocket through the fanout and long-polling beside it. */
final class SocketIoPlugin implements EndpointPlugin {
    static final String PATH = "/socket.io/";
    static final String PROTOCOL = "socket.io";

    private final SocketIoOptions options;
    private final EngineSessions sessions = new EngineSessions();
    private final Encoding encoding = new SocketIoEncoding();
    /** Each event loop's share, by loop: a polling session lives on the loop of its handshake's connection. */
    private final Map<EventExecutor, SocketIoLoop> loops = new ConcurrentHashMap<>();
    private final PluginHttp polling;

    SocketIoPlugin(SocketIoOptions options) {
        this.options = options;
        this.polling = new PollingTransport(options, sessions, loops::get, System::nanoTime);
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

    /** Not used: the server asks for {@link #newLoop(EventLoop, PluginClients)}, which long-polling needs. */
    @Override
    public PluginLoop newLoop() {
        throw new UnsupportedOperationException("newLoop(EventLoop, PluginClients): polling sessions need their loop");
    }

    @Override
    public PluginLoop newLoop(EventLoop executor, PluginClients clients) {
        SocketIoLoop loop = new SocketIoLoop(options, sessions, clients);
        loops.put(executor, loop);
        return loop;
    }

    @Override
    public PluginHttp http() {
        return polling;
    }
}
