package dev.tickerplant.socketio;

import java.util.List;

/**
 * What a polling session hands the WebSocket that upgrades it: its Socket.IO sid when the client connected (null
 * otherwise), the packets the client had not polled yet, and the Socket.IO packets it sent that wait for the
 * WebSocket's session (subscribes, which need the fanout session to carry out).
 */
record Handover(String socketSid, List<String> unsent, List<String> waiting) {
    Handover {
        unsent = List.copyOf(unsent);
        waiting = List.copyOf(waiting);
    }
}
