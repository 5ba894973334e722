package dev.tickerplant.socketio;

import dev.tickerplant.fanout.protocol.UntrustedText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One Socket.IO v5 packet, the data of an Engine.IO message: {@code <type>[<namespace>,][<ack id>][<JSON data>]}, e.g.
 * {@code 0} (CONNECT to {@code /}), {@code 2["subscribe",{...}]} (EVENT), {@code 212["subscribe",{...}]} (EVENT with
 * ack id 12), {@code 312[{...}]} (ACK). Binary events are not accepted: this endpoint only speaks JSON.
 *
 * @param namespace {@code /} unless the packet names another
 * @param ackId     -1 when the packet has none
 * @param data      the JSON data, null when there is none
 */
record SocketPacket(int type, String namespace, long ackId, JsonNode data) {
    static final int CONNECT = 0;
    static final int DISCONNECT = 1;
    static final int EVENT = 2;
    static final int ACK = 3;
    static final int CONNECT_ERROR = 4;
    static final String MAIN_NAMESPACE = "/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_ACK_ID = 1L << 53; // JavaScript's safe integers

    static SocketPacket parse(String packet) throws ProtocolException {
        if (packet.isEmpty()) {
            throw new ProtocolException("empty Socket.IO packet: expected a type digit 0-4 and its data");
        }
        char t = packet.charAt(0);
        if (t == '5' || t == '6') {
            throw new ProtocolException("binary Socket.IO packet: expected JSON events (no binary attachments)");
        }
        if (t < '0' || t > '4') {
            throw new ProtocolException("Socket.IO packet of unknown type '" + UntrustedText.shown(String.valueOf(t))
                    + "': expected 0 (CONNECT), 1 (DISCONNECT), 2 (EVENT) or 3 (ACK)");
        }
        int i = 1;
        String namespace = MAIN_NAMESPACE;
        if (i < packet.length() && packet.charAt(i) == '/') {
            int comma = packet.indexOf(',', i);
            namespace = comma < 0 ? packet.substring(i) : packet.substring(i, comma);
            i = comma < 0 ? packet.length() : comma + 1;
        }
        long ackId = -1;
        int digits = i;
        while (i < packet.length() && Character.isDigit(packet.charAt(i))) {
            i++;
        }
        if (i > digits) {
            if (i - digits > 16 || (ackId = Long.parseLong(packet.substring(digits, i))) > MAX_ACK_ID) {
                throw new ProtocolException("Socket.IO ack id " + UntrustedText.shown(packet.substring(digits, i))
                        + " is too large: expected at most " + MAX_ACK_ID);
            }
        }
        JsonNode data = null;
        if (i < packet.length()) {
            try {
                data = JSON.readTree(packet.substring(i));
            } catch (JsonProcessingException e) {
                throw new ProtocolException("Socket.IO packet data is not JSON (" + UntrustedText.shown(
                        e.getOriginalMessage()) + "): expected e.g. 2[\"subscribe\",{\"products\":[\"BTC-USD\"]}]");
            }
        }
        return new SocketPacket(t - '0', namespace, ackId, data);
    }

    /** The CONNECT answer: {@code 0{"sid":"..."}}. */
    static String connected(String sid) {
        return "0{\"sid\":\"" + sid + "\"}";
    }

    /** CONNECT_ERROR with a message: {@code 4/ns,{"message":"..."}}. */
    static String connectError(String namespace, String message) {
        return "4" + (MAIN_NAMESPACE.equals(namespace) ? "" : namespace + ",") + "{\"message\":\"" + quote(message)
                + "\"}";
    }

    /** An EVENT with one argument (JSON): {@code 2["name",json]}. */
    static String event(String name, String json) {
        return "2[\"" + quote(name) + "\"," + json + "]";
    }

    /** The ACK of {@code ackId} with one argument (JSON): {@code 3<id>[json]}. */
    static String ack(long ackId, String json) {
        return "3" + ackId + "[" + json + "]";
    }

    static String quote(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}
