package dev.tickerplant.sim.feed;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A point-in-time view of one simulated WebSocket connection.
 *
 * @param remoteAddress the client's {@code ip:port}
 * @param channels      subscribed channel → product ids as requested (and as acked); Advanced Trade lists
 *                      {@code heartbeats → [heartbeats]}, the Exchange feed names {@code ticker_batch} as
 *                      {@code ticker_1000}
 * @param stalled       true while the connection is stalled by a fault
 * @param framesSent    frames written to the socket so far
 */
public record SimConnection(
        long id,
        CoinbaseProtocol protocol,
        String remoteAddress,
        ConnectionState state,
        boolean stalled,
        Map<String, List<String>> channels,
        long framesSent) {

    public SimConnection {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(state, "state");
        channels = Map.copyOf(channels);
    }

    /** The product ids subscribed on any channel, sorted. */
    public List<String> products() {
        TreeSet<String> products = new TreeSet<>();
        channels.forEach((channel, ids) -> {
            if (!channel.equals("heartbeats")) {
                products.addAll(ids);
            }
        });
        return List.copyOf(products);
    }
}
