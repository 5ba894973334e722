package dev.tickerplant.fanout;

import dev.tickerplant.fanout.compat.AdvancedTradeJson;
import dev.tickerplant.fanout.compat.CompatProtocol;
import dev.tickerplant.fanout.compat.ExchangeJson;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The last handler of a {@code /coinbase/advanced-trade} or {@code /coinbase/exchange} client: the native handler's
 * lifecycle (admission, close frames, writability, errors) with the Coinbase protocol's session. Coinbase sends
 * nothing on connect, so neither does this: the client's first subscribe starts its data.
 */
final class CompatFrameHandler extends NativeFrameHandler {
    private final CompatProtocol protocol;
    private CompatEndpoint endpoint;

    CompatFrameHandler(ServerContext server, ClientActivity activity, CompatProtocol protocol) {
        super(server, activity);
        this.protocol = protocol;
    }

    @Override
    void open(ChannelHandlerContext ctx, WebSocketServerProtocolHandler.HandshakeComplete handshake) {
        boolean advancedTrade = protocol == CompatProtocol.ADVANCED_TRADE;
        if (!admit(ctx, message -> advancedTrade ? AdvancedTradeJson.error(message)
                : ExchangeJson.error(message, null))) {
            return;
        }
        String userAgent = handshake.requestHeaders().get(HttpHeaderNames.USER_AGENT, "");
        LoopFanout loop = server.loopOf(ctx.executor());
        if (advancedTrade) {
            AdvancedTradeEndpoint at = new AdvancedTradeEndpoint(server, loop);
            endpoint = at;
            session = new SubscriberSession(server.nextClientId(), ctx, server, loop, activity, userAgent,
                    protocol.wireName(), TickEncoding.ADVANCED_TRADE, at);
        } else {
            endpoint = new ExchangeEndpoint(server, loop);
            session = new SubscriberSession(server.nextClientId(), ctx, server, loop, activity, userAgent,
                    protocol.wireName(), TickEncoding.EXCHANGE, null);
        }
        endpoint.bind(session);
        // Counted before any subscribe can read the market: from here on the ring consumer encodes this format.
        clients().incrementAndGet();
        session.open();
    }

    @Override
    void onText(byte[] text) {
        endpoint.onText(text);
    }

    @Override
    void onBinary() {
        endpoint.onBinary();
    }

    @Override
    void onClosed() {
        endpoint.close();
        clients().decrementAndGet();
    }

    private AtomicInteger clients() {
        return protocol == CompatProtocol.ADVANCED_TRADE ? server.figures.advancedTradeClients
                : server.figures.exchangeClients;
    }
}
