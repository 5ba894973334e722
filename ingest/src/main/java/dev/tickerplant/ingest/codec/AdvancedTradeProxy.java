package dev.tickerplant.ingest.codec;

import java.util.List;

/**
 * Encodes the requests sent to the Advanced Trade feed: one channel per message,
 * {@code {"type":"subscribe","channel":"ticker","product_ids":[...],"jwt":"..."}}. Rare, so allocation is fine.
 */
public final class AdvancedTradeProxy {

    private static final String HEARTBEATS = "heartbeats";

    private AdvancedTradeProxy() {
    }

    /**
     * @param productIds the products to add; empty for {@code heartbeats}, which takes none
     * @param jwtOrNull a fresh token (one per message: they expire after 2 minutes), or null to stay anonymous
     * @throws IllegalArgumentException for a blank channel, product id or token, or product ids for heartbeats
     */
    public static String subscribe(String channel, List<String> productIds, String jwtOrNull) {
        return request("subscribe", channel, productIds, jwtOrNull);
    }

    /**
     * Same shape as {@link #subscribe}; empty {@code productIds} leaves the channel entirely.
     *
     * @throws IllegalArgumentException for a blank channel, product id or token, or product ids for heartbeats
     */
    public static String unsubscribe(String channel, List<String> productIds, String jwtOrNull) {
        return request("unsubscribe", channel, productIds, jwtOrNull);
    }

    private static String request(String type, String channel, List<String> productIds, String jwtOrNull) {
        RequestJson.requireName("channel", channel);
        List<String> ids = RequestJson.requireNames("productIds", productIds);
        if (channel.equals(HEARTBEATS) && !ids.isEmpty()) {
            throw new IllegalArgumentException(
                    "productIds: " + ids + " (expected: none for channel heartbeats, which is per connection)");
        }
        if (jwtOrNull != null) {
            RequestJson.requireName("jwt", jwtOrNull);
        }
        return RequestJson.write(g -> {
            g.writeStringField("type", type);
            g.writeStringField("channel", channel);
            if (!ids.isEmpty()) {
                RequestJson.writeStringArray(g, "product_ids", ids);
            }
            if (jwtOrNull != null) {
                g.writeStringField("jwt", jwtOrNull);
            }
        });
    }
}
