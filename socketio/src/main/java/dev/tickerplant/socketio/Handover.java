package dev.tickerplant.socketio;

import java.util.List;

/**
 * What a polling session hands the WebSocket that upgrades it: its Socket.IO sid when the client connected (null
 * otherwise) with what the client follows then, and the packets the client had not polled yet.
 */
record Handover(String socketSid, Subscriptions.Followed followed, List<String> unsent) {
    Handover {
        unsent = List.copyOf(unsent);
    }
}
