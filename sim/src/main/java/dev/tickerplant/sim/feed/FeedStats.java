package dev.tickerplant.sim.feed;

/**
 * Counters of the WebSocket server since it started.
 *
 * @param connectionsAccepted            WebSocket handshakes completed
 * @param connectionsRejected            upgrade requests answered with HTTP 429 (rate limit or injected fault)
 * @param maxConnectionOpensInAnyWindow  most upgrade requests from one IP within any sliding 1 s window, rejected
 *                                       ones included: what a client's pacing looked like
 * @param maxSubscribeMessagesInAnyWindow most subscribe/unsubscribe messages from one IP within any sliding 1 s window
 * @param subscribeRateViolations        subscribe/unsubscribe messages beyond the per-IP limit
 * @param framesSent                     frames written to all connections
 * @param openConnections                connections currently open
 */
public record FeedStats(
        long connectionsAccepted,
        long connectionsRejected,
        int maxConnectionOpensInAnyWindow,
        int maxSubscribeMessagesInAnyWindow,
        long subscribeRateViolations,
        long framesSent,
        int openConnections) {
}
