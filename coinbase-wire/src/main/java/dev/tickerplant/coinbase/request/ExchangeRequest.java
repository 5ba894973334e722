package dev.tickerplant.coinbase.request;

import static dev.tickerplant.coinbase.Fields.CHANNELS;
import static dev.tickerplant.coinbase.Fields.NAME;
import static dev.tickerplant.coinbase.Fields.PRODUCT_IDS;
import static dev.tickerplant.coinbase.Fields.TYPE;
import static dev.tickerplant.coinbase.MessageTypes.SUBSCRIBE;
import static dev.tickerplant.coinbase.MessageTypes.UNSUBSCRIBE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickerplant.coinbase.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One Exchange feed client message (protocol reference B.2):
 * {@code {"type":"subscribe","product_ids":[...],"channels":["ticker",{"name":"heartbeat","product_ids":[...]}]}}.
 * Unknown fields (including the HMAC authentication ones) are ignored. A server reads it with {@link #parse} and
 * decides itself how to answer a {@code type} that is neither subscribe nor unsubscribe ({@link #requireKnownType}
 * words it as a malformed request); a client builds it with {@link #subscribe} or {@link #unsubscribe}.
 *
 * @param type       as sent; null when absent
 * @param productIds the top-level product ids; empty when absent
 * @param channels   the channels in the order sent; empty when absent
 */
public record ExchangeRequest(String type, List<String> productIds, List<Channel> channels) {
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

    /**
     * {@code {"type":"subscribe","product_ids":[...],"channels":["ticker","heartbeat"]}}, for a client to send.
     * Channels are plain names sharing the top-level ids: the server rejects object channels with empty ids next to
     * top-level ids.
     *
     * @throws IllegalArgumentException for no channels, a blank name, or {@code heartbeat} without products (the
     *     server refuses it)
     */
    public static ExchangeRequest subscribe(List<String> productIds, List<String> channels) {
        List<String> ids = RequestWriter.requireNames("productIds", productIds);
        List<Channel> named = requireChannels(channels);
        if (ids.isEmpty() && channels.contains(Channels.HEARTBEAT)) {
            throw new IllegalArgumentException(
                    "productIds: [] (expected: at least one product id for channel heartbeat)");
        }
        return new ExchangeRequest(SUBSCRIBE, ids, named);
    }

    /**
     * Same shape as {@link #subscribe}; empty {@code productIds} leaves the named channels entirely.
     *
     * @throws IllegalArgumentException for no channels or a blank name
     */
    public static ExchangeRequest unsubscribe(List<String> productIds, List<String> channels) {
        return new ExchangeRequest(UNSUBSCRIBE, RequestWriter.requireNames("productIds", productIds),
                requireChannels(channels));
    }

    /** Parses one text message, whatever its {@code type}; the exception says what was wrong in one line. */
    public static ExchangeRequest parse(byte[] text, int offset, int length) throws RequestException {
        ObjectNode object = RequestTree.object(text, offset, length);
        String type = RequestTree.string(object, TYPE);
        List<String> productIds = RequestTree.strings(object.get(PRODUCT_IDS), PRODUCT_IDS, "[\"BTC-USD\"]");
        JsonNode value = object.get(CHANNELS);
        List<Channel> channels = new ArrayList<>();
        if (value != null && !value.isNull()) {
            if (!value.isArray()) {
                throw new RequestException("field channels: expected an array of " + CHANNEL_EXPECTED + ", got "
                        + RequestTree.describe(value));
            }
            for (JsonNode item : value) {
                channels.add(channel(item));
            }
        }
        return new ExchangeRequest(type, productIds == null ? List.of() : productIds, channels);
    }

    /** The same for a decoded text message. */
    public static ExchangeRequest parse(String text) throws RequestException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    /** True for {@code subscribe}. */
    public boolean subscribe() {
        return SUBSCRIBE.equals(type);
    }

    /** True for {@code unsubscribe}. */
    public boolean unsubscribe() {
        return UNSUBSCRIBE.equals(type);
    }

    /**
     * This request, when its type is subscribe or unsubscribe.
     *
     * @throws RequestException naming the missing or unknown type
     */
    public ExchangeRequest requireKnownType() throws RequestException {
        if (type == null) {
            throw new RequestException("missing field type: expected " + TYPES);
        }
        if (!subscribe() && !unsubscribe()) {
            throw new RequestException("type " + RequestTree.describe(type) + " is not valid: expected " + TYPES);
        }
        return this;
    }

    /**
     * The message as a client sends it: {@code product_ids} left out when empty, a channel with its own ids as an
     * object, any other as its name.
     */
    public String toJson() {
        return RequestWriter.write(g -> {
            g.writeStringField(TYPE, type);
            if (!productIds.isEmpty()) {
                RequestWriter.writeStringArray(g, PRODUCT_IDS, productIds);
            }
            g.writeArrayFieldStart(CHANNELS);
            for (Channel channel : channels) {
                if (channel.productIds() == null) {
                    g.writeString(channel.name());
                } else {
                    g.writeStartObject();
                    g.writeStringField(NAME, channel.name());
                    RequestWriter.writeStringArray(g, PRODUCT_IDS, channel.productIds());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        });
    }

    private static List<Channel> requireChannels(List<String> channels) {
        List<String> names = RequestWriter.requireNames("channels", channels);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("channels: [] (expected: at least one channel)");
        }
        return names.stream().map(name -> new Channel(name, null)).toList();
    }

    private static Channel channel(JsonNode item) throws RequestException {
        if (item.isTextual()) {
            return new Channel(item.textValue(), null);
        }
        if (item.isObject() && item.path(NAME).isTextual()) {
            return new Channel(item.get(NAME).textValue(), RequestTree.strings(item.get(PRODUCT_IDS),
                    "channels[].product_ids", "[\"BTC-USD\"]"));
        }
        throw new RequestException("field channels: expected " + CHANNEL_EXPECTED + ", got "
                + RequestTree.describe(item));
    }
}
