package dev.tickerplant.sim.feed;

/** Life cycle of one simulated WebSocket connection. */
public enum ConnectionState {
    /** Upgraded; the subscribe deadline is running. */
    AWAITING_SUBSCRIBE,
    /** At least one valid subscribe arrived. */
    SUBSCRIBED,
    /** The channel is closed. */
    CLOSED
}
