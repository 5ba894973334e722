package dev.tickerplant.fanout;

import dev.tickerplant.fanout.protocol.Channel;
import dev.tickerplant.fanout.protocol.Command;
import dev.tickerplant.fanout.protocol.CommandException;
import dev.tickerplant.fanout.protocol.ErrorCode;
import dev.tickerplant.fanout.protocol.ServerMessages;
import dev.tickerplant.fanout.protocol.UntrustedText;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a native {@code /ws} client: opens its {@link SubscriberSession} when the upgrade completes
 * (welcome, optional subscription from the query string), passes text messages to the {@link CommandExecutor}, reports
 * writability changes and closes the session. Protocol-level failures (a message over the size limit, a malformed
 * frame) close the connection with the matching code; bad commands never do. {@link PluginFrameHandler} keeps this
 * lifecycle and replaces the protocol: {@link #open}, {@link #onText}, {@link #onBinary} and {@link #onClosed}.
 */
class NativeFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(NativeFrameHandler.class);
    static final String UNAGREED_RSV =
            "compressed message without permessage-deflate agreed (offer it in Sec-WebSocket-Extensions)";

    final ServerContext server;
    final ClientActivity activity;
    SubscriberSession session;
    private String peerCloseReason = "";

    NativeFrameHandler(ServerContext server, ClientActivity activity) {
        this.server = server;
        this.activity = activity;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
            open(ctx, handshake);
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    void open(ChannelHandlerContext ctx, WebSocketServerProtocolHandler.HandshakeComplete handshake) {
        if (!admit(ctx, message -> ServerMessages.error(ErrorCode.TOO_MANY_CLIENTS, message,
                Map.of("limit", server.options.maxClients())))) {
            return;
        }
        String userAgent = handshake.requestHeaders().get(HttpHeaderNames.USER_AGENT, "");
        session = new SubscriberSession(server.nextClientId(), ctx, server, server.loopOf(ctx.executor()), activity,
                userAgent);
        session.open();
        session.reply(ServerMessages.welcome(new ServerMessages.Welcome(session.id, server.version,
                server.options.heartbeatInterval().toMillis() / 1000.0, server.market.followedProducts().size(),
                server.options.maxSubscriptions(), server.options.commandsPerSecond(),
                server.options.maxCommandBytes())));
        subscribeFromQuery(handshake.requestUri());
    }

    /**
     * Takes a client slot, or closes: 1001 while the server shuts down, 1013 after the error {@code tooManyClients}
     * makes of its one-line message when {@code maxClients} are connected. True when the client was admitted.
     */
    final boolean admit(ChannelHandlerContext ctx, Function<String, byte[]> tooManyClients) {
        if (server.closing()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(CloseCodes.GOING_AWAY, "server shutting down"))
                    .addListener(ChannelFutureListener.CLOSE);
            return false;
        }
        if (!server.admitClient()) {
            String reason = CloseCodes.tooManyClients(server.options.maxClients());
            byte[] error = tooManyClients.apply(reason + ": try again later");
            ctx.write(WebSocketFrames.text(ctx.alloc(), error, error.length));
            ctx.writeAndFlush(new CloseWebSocketFrame(CloseCodes.TRY_AGAIN_LATER, reason))
                    .addListener(ChannelFutureListener.CLOSE);
            server.figures.commandErrors.increment();
            return false;
        }
        return true;
    }

    /** A text message of an open session. */
    void onText(byte[] text) {
        server.commands.onMessage(session, text);
    }

    /** A binary message of an open session. */
    void onBinary() {
        server.commands.onBinary(session);
    }

    /** The connection of an open session closed, before the session itself hears of it. */
    void onClosed() {
    }

    /** {@code /ws?products=BTC-USD,ETH-USD&channels=ticker,status}: a subscribe (with snapshot) at connect. */
    private void subscribeFromQuery(String uri) {
        Map<String, List<String>> query = new QueryStringDecoder(uri).parameters();
        List<String> products = splitAll(query.get("products"));
        if (products.isEmpty()) {
            return;
        }
        try {
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            for (String name : splitAll(query.getOrDefault("channels", List.of("ticker")))) {
                Channel channel = Channel.byWireName(name);
                if (channel == null) {
                    throw new CommandException(ErrorCode.BAD_REQUEST, "query parameter channels: unknown channel "
                            + UntrustedText.quote(name) + ", expected one of " + String.join(", ", Channel.NAMES),
                            CommandException.details("field", "channels", "value", UntrustedText.shown(name),
                                    "expected", Channel.NAMES));
                }
                channels.add(channel);
            }
            server.commands.execute(session, new Command.Subscribe(products, channels, OptionalDouble.empty(), true,
                    OptionalLong.empty()));
        } catch (CommandException e) {
            server.commands.fail(session, e);
        }
    }

    private static List<String> splitAll(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .filter(s -> !s.isEmpty()).distinct().toList();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            onCloseFrame(ctx, close);
            return;
        }
        if (session == null || session.closing()) {
            return;
        }
        if (frame.rsv() != 0) { // an agreed permessage-deflate message arrives here inflated, its RSV1 cleared
            session.closeWith(CloseCodes.PROTOCOL_ERROR, UNAGREED_RSV);
            return;
        }
        if (frame instanceof TextWebSocketFrame) {
            ByteBuf content = frame.content();
            onText(ByteBufUtil.getBytes(content, content.readerIndex(), content.readableBytes(), false));
        } else if (frame instanceof BinaryWebSocketFrame) {
            onBinary();
        }
        // Pongs only matter as activity, which ClientActivity already noted.
    }

    /** The client closes (or answers our close): echo its close frame unless we sent ours, then close. */
    private void onCloseFrame(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        if (session != null && session.closing()) {
            ctx.close();
            return;
        }
        peerCloseReason = "client closed: " + close.statusCode() + (close.reasonText().isEmpty() ? ""
                : " " + close.reasonText());
        ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            session.onWritabilityChanged();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            onClosed();
            session.onClosed(peerCloseReason);
            session = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || (cause instanceof CorruptedWebSocketFrameException corrupted
                && corrupted.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code())) {
            closeWith(ctx, CloseCodes.MESSAGE_TOO_BIG, "message too big");
        } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            closeWith(ctx, corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
        } else if (cause instanceof IOException) {
            log.debug("client {} connection error: {}", session != null ? session.id : ctx.channel(), cause.toString());
            ctx.close();
        } else {
            log.warn("client {} failed; closing", session != null ? session.id : ctx.channel(), cause);
            ctx.close();
        }
    }

    private void closeWith(ChannelHandlerContext ctx, int code, String reason) {
        if (session != null) {
            session.closeWith(code, reason);
        } else {
            ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
