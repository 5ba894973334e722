package dev.tickerplant.sim;

/**
 * What a test needs to know about a simulator run so far.
 *
 * @param connectionsAccepted             WebSocket handshakes completed
 * @param connectionsRejected             upgrade attempts answered with HTTP 429
 * @param maxConnectionOpensInAnyWindow   most upgrade attempts from one IP within any sliding second (rejected ones
 *                                        included)
 * @param maxSubscribeMessagesInAnyWindow most subscribe/unsubscribe messages from one IP within any sliding second
 * @param subscribeRateViolations         subscribe/unsubscribe messages beyond the per-IP limit
 * @param framesSent                      frames written to all connections
 * @param openConnections                 connections open now
 * @param ticksEmitted                    trades generated
 * @param tickRate                        current total tick rate
 * @param ticksPaused                     whether generation is paused
 */
public record SimulatorStats(
        long connectionsAccepted,
        long connectionsRejected,
        int maxConnectionOpensInAnyWindow,
        int maxSubscribeMessagesInAnyWindow,
        long subscribeRateViolations,
        long framesSent,
        int openConnections,
        long ticksEmitted,
        double tickRate,
        boolean ticksPaused) {
}
