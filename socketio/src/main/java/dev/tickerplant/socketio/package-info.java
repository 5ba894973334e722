/**
 * A Socket.IO endpoint at {@code /socket.io/} (Engine.IO 4 and Socket.IO 5, the protocol of {@code socket.io-client}
 * 4.x), plugged into the fanout server like the Coinbase-compatible endpoints: HTTP long-polling for the handshake,
 * then the upgrade to a WebSocket, over which ticks arrive as {@code ticker_update} events encoded once per tick.
 * Reference: docs/socketio.md.
 */
package dev.tickerplant.socketio;
