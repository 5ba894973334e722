package dev.tickerplant.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Exchange feed client message (protocol reference B.2):
 * {@code {"type":"subscribe","product_ids":[...],"channels":["ticker",{"name":"heartbeat","product_ids":[...]}]}}.
 * Unknown fields (including the HMAC authentication ones) are ignored.
 *
 * @param subscribe  true for {@code subscribe}, false for {@code unsubscribe}
 * @param productIds the top-level product ids; empty when absent
 * @param channels   the channels in the order sent; empty when absent
 */
record ExchangeRequest(boolean subscribe, List<String> productIds, List<Channel> channels) {
    private static final String TYPES = "subscribe or unsubscribe";
    private static final String CHANNEL_EXPECTED =
            "a channel name such as \"ticker\" or an object such as {\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}";

    /**
     * One entry of {@code channels}.
     *
     * @param productIds the channel's own ids; null when the entry was a plain name or its object had none
     */
    public record Channel(String name, List<String> productIds) {
        public Channel {
            productIds = productIds == null ? null : List.copyOf(productIds);
        }
    }

    public ExchangeRequest {
        productIds = List.copyOf(productIds);
        channels = List.copyOf(channels);
    }

    /** Parses one text message; the exception says what was wrong in one line. */
    public static ExchangeRequest parse(byte[] text, int offset, int length) throws RequestException {
        Map<String, Object> object = RequestJson.object(text, offset, length);
        String type = RequestJson.string(object, "type");
        if (type == null) {
            throw new RequestException("missing field type: expected " + TYPES);
        }
        boolean subscribe = type.equals("subscribe");
        if (!subscribe && !type.equals("unsubscribe")) {
            throw new RequestException("type " + RequestJson.describe(type) + " is not valid: expected " + TYPES);
        }
        List<String> productIds = RequestJson.strings(object, "product_ids", "[\"BTC-USD\"]");
        Object value = object.get("channels");
        List<Channel> channels = new ArrayList<>();
        if (value != null && value != RequestJson.NULL) {
            if (!(value instanceof List<?> list)) {
                throw new RequestException("field channels: expected an array of " + CHANNEL_EXPECTED + ", got "
                        + RequestJson.describe(value));
            }
            for (Object item : list) {
                channels.add(channel(item));
            }
        }
        return new ExchangeRequest(subscribe, productIds == null ? List.of() : productIds, channels);
    }

    private static Channel channel(Object item) throws RequestException {
        if (item instanceof String name) {
            return new Channel(name, null);
        }
        if (item instanceof Map<?, ?> map && map.get("name") instanceof String name) {
            return new Channel(name, RequestJson.strings(map.get("product_ids"), "channels[].product_ids",
                    "[\"BTC-USD\"]"));
        }
        throw new RequestException("field channels: expected " + CHANNEL_EXPECTED + ", got "
                + RequestJson.describe(item));
    }
}
