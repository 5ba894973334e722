package dev.tickerplant.socketio;

import dev.tickerplant.fanout.protocol.UntrustedText;
import java.util.ArrayList;
import java.util.List;

/**
 * Engine.IO v4 packets as text: a type digit and its data ({@code 0} open, {@code 1} close, {@code 2} ping, {@code 3}
 * pong, {@code 4} message, {@code 5} upgrade, {@code 6} noop). A WebSocket frame carries one packet; an HTTP
 * long-polling body carries several, joined by the record separator {@code \u001e}. Binary packets ({@code b...})
 * are not accepted: this endpoint only speaks JSON.
 */
final class EnginePackets {
    static final char OPEN = '0';
    static final char CLOSE = '1';
    static final char PING = '2';
    static final char PONG = '3';
    static final char MESSAGE = '4';
    static final char UPGRADE = '5';
    static final char NOOP = '6';
    static final char SEPARATOR = '\u001e';
    static final String PROBE = "probe";

    private EnginePackets() {
    }

    /** {@code 0{"sid":..,"upgrades":[..],"pingInterval":..,"pingTimeout":..,"maxPayload":..}}. */
    static String open(String sid, boolean canUpgrade, SocketIoOptions options) {
        return OPEN + "{\"sid\":\"" + sid + "\",\"upgrades\":" + (canUpgrade ? "[\"websocket\"]" : "[]")
                + ",\"pingInterval\":" + options.pingInterval().toMillis()
                + ",\"pingTimeout\":" + options.pingTimeout().toMillis()
                + ",\"maxPayload\":" + options.maxPayload() + "}";
    }

    /** A message packet carrying a Socket.IO packet. */
    static String message(String socketPacket) {
        return MESSAGE + socketPacket;
    }

    /** The packets of a long-polling body, each checked to be a known text packet. */
    static List<String> splitPayload(String body) throws ProtocolException {
        List<String> packets = new ArrayList<>();
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf(SEPARATOR, start);
            if (end < 0) {
                end = body.length();
            }
            packets.add(check(body.substring(start, end)));
            start = end + 1;
        }
        return packets;
    }

    /** A long-polling body of the packets, in order. */
    static String joinPayload(List<String> packets) {
        return String.join(String.valueOf(SEPARATOR), packets);
    }

    /** Returns the packet when its type is one a client may send as text; throws a one-line reason otherwise. */
    static String check(String packet) throws ProtocolException {
        if (packet.isEmpty()) {
            throw new ProtocolException("empty Engine.IO packet: expected a type digit 1-6 and its data");
        }
        char type = packet.charAt(0);
        if (type == 'b') {
            throw new ProtocolException("binary Engine.IO packet: expected text packets (this endpoint speaks JSON)");
        }
        if (type < CLOSE || type > NOOP) {
            throw new ProtocolException("Engine.IO packet of unknown type '" + UntrustedText.shown(String.valueOf(type))
                    + "': expected a type digit 1-6 (close, ping, pong, message, upgrade, noop)");
        }
        return packet;
    }
}
