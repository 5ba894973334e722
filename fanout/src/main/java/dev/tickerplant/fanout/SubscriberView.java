package dev.tickerplant.fanout;

import java.util.List;

/**
 * A read-only copy of one downstream client's figures, for /api/connections and /metrics.
 *
 * @param id               server-assigned client id (the one sent in {@code welcome})
 * @param protocol         which endpoint the client speaks: {@code native} or a plug-in endpoint's protocol
 * @param remoteAddress    host:port of the peer
 * @param userAgent        the upgrade request's User-Agent, "" when absent
 * @param connectedAtEpochMillis when the WebSocket opened
 * @param messagesSent     frames written to the client (tickers, snapshots, heartbeats, replies)
 * @param dropped          ticks the client never received because a newer one replaced them (conflation)
 * @param lastActivityEpochMillis last frame received from the client (command, pong)
 * @param subscriptions    subscribed product ids (["*"] for all) per channel, e.g. "ticker:BTC-USD"
 */
public record SubscriberView(String id, String protocol, String remoteAddress, String userAgent,
                             long connectedAtEpochMillis, long messagesSent, long dropped,
                             long lastActivityEpochMillis, List<String> subscriptions) {
}
