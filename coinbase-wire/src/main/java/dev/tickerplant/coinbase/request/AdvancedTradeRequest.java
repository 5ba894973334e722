package dev.tickerplant.coinbase.request;

import static dev.tickerplant.coinbase.Fields.CHANNEL;
import static dev.tickerplant.coinbase.Fields.JWT;
import static dev.tickerplant.coinbase.Fields.PRODUCT_IDS;
import static dev.tickerplant.coinbase.Fields.TYPE;
import static dev.tickerplant.coinbase.MessageTypes.SUBSCRIBE;
import static dev.tickerplant.coinbase.MessageTypes.UNSUBSCRIBE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickerplant.coinbase.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One Advanced Trade client message: {@code {"type":"subscribe","channel":"ticker","product_ids":[...],"jwt":"..."}}
 * (protocol reference A.3). One channel per message; unknown fields are ignored. A server reads it with
 * {@link #parse}; a client builds it with {@link #subscribe} or {@link #unsubscribe}, which check their arguments, and
 * sends {@link #toJson()}.
 *
 * @param subscribe  true for {@code subscribe}, false for {@code unsubscribe}
 * @param channel    the channel name as sent; null when the message named none
 * @param productIds the product ids as sent, in order; null when absent (for {@code unsubscribe}: the whole channel)
 * @param jwt        the token as sent; null when absent
 */
public record AdvancedTradeRequest(boolean subscribe, String channel, List<String> productIds, String jwt) {
    private static final String TYPES = "subscribe or unsubscribe";

    public AdvancedTradeRequest {
        productIds = productIds == null ? null : List.copyOf(productIds);
    }

    /**
     * A subscribe for a client to send.
     *
     * @param productIds the products to add; empty for {@code heartbeats}, which takes none
     * @param jwtOrNull  a fresh token (one per message: they expire after 2 minutes), or null to stay anonymous
     * @throws IllegalArgumentException for a blank channel, product id or token, or product ids for heartbeats
     */
    public static AdvancedTradeRequest subscribe(String channel, List<String> productIds, String jwtOrNull) {
        return checked(true, channel, productIds, jwtOrNull);
    }

    /**
     * Same shape as {@link #subscribe}; empty {@code productIds} leaves the channel entirely.
     *
     * @throws IllegalArgumentException for a blank channel, product id or token, or product ids for heartbeats
     */
    public static AdvancedTradeRequest unsubscribe(String channel, List<String> productIds, String jwtOrNull) {
        return checked(false, channel, productIds, jwtOrNull);
    }

    /** Parses one text message; the exception says what was wrong in one line. */
    public static AdvancedTradeRequest parse(byte[] text, int offset, int length) throws RequestException {
        ObjectNode object = RequestTree.object(text, offset, length);
        String type = RequestTree.string(object, TYPE);
        if (type == null) {
            throw new RequestException("missing field type: expected " + TYPES);
        }
        boolean subscribe = type.equals(SUBSCRIBE);
        if (!subscribe && !type.equals(UNSUBSCRIBE)) {
            throw new RequestException("unknown type " + RequestTree.describe(type) + ": expected " + TYPES);
        }
        return new AdvancedTradeRequest(subscribe, RequestTree.string(object, CHANNEL),
                RequestTree.strings(object.get(PRODUCT_IDS), PRODUCT_IDS, "[\"BTC-USD\"]"),
                RequestTree.string(object, JWT));
    }

    /** The same for a decoded text message. */
    public static AdvancedTradeRequest parse(String text) throws RequestException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    /** The message as a client sends it; {@code product_ids} and {@code jwt} are left out when there are none. */
    public String toJson() {
        return RequestWriter.write(g -> {
            g.writeStringField(TYPE, subscribe ? SUBSCRIBE : UNSUBSCRIBE);
            g.writeStringField(CHANNEL, channel);
            if (productIds != null && !productIds.isEmpty()) {
                RequestWriter.writeStringArray(g, PRODUCT_IDS, productIds);
            }
            if (jwt != null) {
                g.writeStringField(JWT, jwt);
            }
        });
    }

    private static AdvancedTradeRequest checked(boolean subscribe, String channel, List<String> productIds,
                                                String jwtOrNull) {
        RequestWriter.requireName("channel", channel);
        List<String> ids = RequestWriter.requireNames("productIds", productIds);
        if (channel.equals(Channels.HEARTBEATS) && !ids.isEmpty()) {
            throw new IllegalArgumentException(
                    "productIds: " + ids + " (expected: none for channel heartbeats, which is per connection)");
        }
        if (jwtOrNull != null) {
            RequestWriter.requireName("jwt", jwtOrNull);
        }
        return new AdvancedTradeRequest(subscribe, channel, ids, jwtOrNull);
    }
}
