package dev.tickerplant.fanout;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.util.AttributeKey;

/**
 * Negotiates permessage-deflate on a WebSocket upgrade ({@link DeflateOffers} decides on the offer) and marks the
 * channel when it was agreed, so its session takes its encoding's compressed shared frames. Netty's extension handler
 * puts the inflater (for the client's messages) behind it; the outbound deflater it adds never sees the tick frames,
 * which are written as raw bytes from the frame encoder's context.
 */
final class CompressionNegotiator extends WebSocketServerExtensionHandler {
    static final String NAME = "websocket-compression";
    private static final AttributeKey<Boolean> NEGOTIATED =
            AttributeKey.valueOf(CompressionNegotiator.class, "negotiated");

    CompressionNegotiator(DeflateOffers offers) {
        super(offers);
    }

    /** Whether the client of this channel agreed to permessage-deflate. */
    static boolean negotiated(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(NEGOTIATED).get());
    }

    @Override
    protected void onHttpResponseWrite(ChannelHandlerContext ctx, HttpResponse response, ChannelPromise promise)
            throws Exception {
        super.onHttpResponseWrite(ctx, response, promise);
        String agreed = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
        if (HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status()) && agreed != null
                && agreed.contains(DeflateOffers.EXTENSION)) {
            ctx.channel().attr(NEGOTIATED).set(Boolean.TRUE);
        }
    }
}
