package dev.tickerplant.ingest.codec;

import java.util.List;

/**
 * Encodes the requests sent to the Exchange feed. Channels are written as plain names sharing the top-level
 * {@code product_ids}: the server rejects object channels with empty ids next to top-level ids. Rare, so allocation
 * is fine.
 */
public final class ExchangeFeedProxy {

    private static final String HEARTBEAT = "heartbeat";

    private ExchangeFeedProxy() {
    }

    /**
     * {@code {"type":"subscribe","product_ids":[...],"channels":["ticker","heartbeat"]}}.
     *
     * @throws IllegalArgumentException for no channels, a blank name, or {@code heartbeat} without products (the
     *     server refuses it)
     */
    public static String subscribe(List<String> productIds, List<String> channels) {
        List<String> ids = RequestJson.requireNames("productIds", productIds);
        List<String> names = requireChannels(channels);
        if (ids.isEmpty() && names.contains(HEARTBEAT)) {
            throw new IllegalArgumentException(
                    "productIds: [] (expected: at least one product id for channel heartbeat)");
        }
        return request("subscribe", ids, names);
    }

    /**
     * Same shape as {@link #subscribe}; empty {@code productIds} leaves the named channels entirely.
     *
     * @throws IllegalArgumentException for no channels or a blank name
     */
    public static String unsubscribe(List<String> productIds, List<String> channels) {
        return request("unsubscribe", RequestJson.requireNames("productIds", productIds), requireChannels(channels));
    }

    private static List<String> requireChannels(List<String> channels) {
        List<String> names = RequestJson.requireNames("channels", channels);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("channels: [] (expected: at least one channel)");
        }
        return names;
    }

    private static String request(String type, List<String> ids, List<String> channels) {
        return RequestJson.write(g -> {
            g.writeStringField("type", type);
            if (!ids.isEmpty()) {
                RequestJson.writeStringArray(g, "product_ids", ids);
            }
            RequestJson.writeStringArray(g, "channels", channels);
        });
    }
}
