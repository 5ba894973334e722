package dev.tickerplant.compat;

import java.util.List;
import java.util.Map;

/**
 * One Advanced Trade client message: {@code {"type":"subscribe","channel":"ticker","product_ids":[...],"jwt":"..."}}
 * (protocol reference A.3). One channel per message; unknown fields are ignored.
 *
 * @param subscribe  true for {@code subscribe}, false for {@code unsubscribe}
 * @param channel    the channel name as sent; null when the message named none
 * @param productIds the product ids as sent, in order; null when absent (for {@code unsubscribe}: the whole channel)
 * @param jwt        the token as sent; null when absent
 */
record AdvancedTradeRequest(boolean subscribe, String channel, List<String> productIds, String jwt) {
    private static final String TYPES = "subscribe or unsubscribe";

    public AdvancedTradeRequest {
        productIds = productIds == null ? null : List.copyOf(productIds);
    }

    /** Parses one text message; the exception says what was wrong in one line. */
    public static AdvancedTradeRequest parse(byte[] text, int offset, int length) throws RequestException {
        Map<String, Object> object = RequestJson.object(text, offset, length);
        String type = RequestJson.string(object, "type");
        if (type == null) {
            throw new RequestException("missing field type: expected " + TYPES);
        }
        boolean subscribe = type.equals("subscribe");
        if (!subscribe && !type.equals("unsubscribe")) {
            throw new RequestException("unknown type " + RequestJson.describe(type) + ": expected " + TYPES);
        }
        return new AdvancedTradeRequest(subscribe, RequestJson.string(object, "channel"),
                RequestJson.strings(object, "product_ids", "[\"BTC-USD\"]"), RequestJson.string(object, "jwt"));
    }
}
