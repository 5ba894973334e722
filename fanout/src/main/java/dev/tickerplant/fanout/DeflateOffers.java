package dev.tickerplant.fanout;

import dev.tickerplant.fanout.protocol.FrameDeflater;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decides on a client's permessage-deflate offer (RFC 7692). The tick frames are deflated once per encoding and shared,
 * so the server must never take over its context from one message to the next: every accepted offer is answered with
 * {@code server_no_context_takeover}, which a server may send whatever the offer held, and with
 * {@code client_no_context_takeover} when the client offered it. Unasked, that one is allowed by the RFC too, but some
 * clients (Netty's by default) then fail the handshake, and the server reads a client's messages either way. An offer
 * whose terms the shared frames cannot meet is declined (the client then gets no compression): a
 * {@code server_max_window_bits} below 15, since java.util.zip always deflates with a 32 KiB window, or a parameter
 * this server does not know. Netty's handshaker builds the extension, so inbound compressed messages are inflated by
 * Netty's decoder, bounded by the largest client message. Stateless: one serves every channel.
 */
final class DeflateOffers implements WebSocketServerExtensionHandshaker {
    static final String EXTENSION = "permessage-deflate";
    private static final String SERVER_NO_CONTEXT = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT = "client_no_context_takeover";
    private static final String SERVER_MAX_WINDOW = "server_max_window_bits";
    private static final String CLIENT_MAX_WINDOW = "client_max_window_bits";
    private static final String LARGEST_WINDOW = "15";

    private final WebSocketServerExtensionHandshaker netty;

    /** @param maxMessageBytes largest inflated client message */
    DeflateOffers(int maxMessageBytes) {
        this.netty = new PerMessageDeflateServerExtensionHandshaker(FrameDeflater.LEVEL, false,
                PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, true,
                WebSocketExtensionFilterProvider.DEFAULT, maxMessageBytes);
    }

    @Override
    public WebSocketServerExtension handshakeExtension(WebSocketExtensionData offer) {
        if (!EXTENSION.equalsIgnoreCase(offer.name()) || !acceptable(offer.parameters())) {
            return null;
        }
        // Netty's handshaker answers with the no-context-takeover parameters it is offered.
        Map<String, String> terms = new HashMap<>();
        terms.put(SERVER_NO_CONTEXT, null);
        if (offered(offer.parameters(), CLIENT_NO_CONTEXT)) {
            terms.put(CLIENT_NO_CONTEXT, null);
        }
        return netty.handshakeExtension(new WebSocketExtensionData(EXTENSION, terms));
    }

    private static boolean offered(Map<String, String> parameters, String name) {
        return parameters.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    /** Whether the shared no-context-takeover frames meet every term of the offer. */
    static boolean acceptable(Map<String, String> parameters) {
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            switch (parameter.getKey().toLowerCase(Locale.ROOT)) {
                case SERVER_NO_CONTEXT, CLIENT_NO_CONTEXT, CLIENT_MAX_WINDOW -> {
                    // Given anyway / the inflater reads any client window.
                }
                case SERVER_MAX_WINDOW -> {
                    if (!LARGEST_WINDOW.equals(parameter.getValue())) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }
}
