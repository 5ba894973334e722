package dev.tickerplant.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SocketPacketTest {

    @Test
    void connectToTheMainNamespaceWithAndWithoutAuth() throws ProtocolException {
        SocketPacket plain = SocketPacket.parse("0");
        assertEquals(SocketPacket.CONNECT, plain.type());
        assertEquals("/", plain.namespace());
        assertEquals(-1, plain.ackId());
        assertNull(plain.data());
        SocketPacket auth = SocketPacket.parse("0{\"token\":\"t\"}");
        assertEquals("t", auth.data().get("token").textValue());
    }

    @Test
    void eventsWithNamespaceAndAckId() throws ProtocolException {
        SocketPacket event = SocketPacket.parse("212[\"subscribe\",{\"products\":[\"BTC-USD\"]}]");
        assertEquals(SocketPacket.EVENT, event.type());
        assertEquals(12, event.ackId());
        assertEquals("subscribe", event.data().get(0).textValue());
        assertEquals("BTC-USD", event.data().get(1).get("products").get(0).textValue());

        SocketPacket namespaced = SocketPacket.parse("2/admin,7[\"x\"]");
        assertEquals("/admin", namespaced.namespace());
        assertEquals(7, namespaced.ackId());
        assertEquals("/admin", SocketPacket.parse("0/admin,").namespace());
        assertEquals(-1, SocketPacket.parse("2[\"x\"]").ackId());
    }

    @Test
    void writtenPackets() {
        assertEquals("0{\"sid\":\"s1\"}", SocketPacket.connected("s1"));
        assertEquals("4{\"message\":\"say \\\"no\\\"\"}", SocketPacket.connectError("/", "say \"no\""));
        assertEquals("4/admin,{\"message\":\"Invalid namespace\"}",
                SocketPacket.connectError("/admin", "Invalid namespace"));
        assertEquals("2[\"status\",{\"a\":1}]", SocketPacket.event("status", "{\"a\":1}"));
        assertEquals("312[{\"type\":\"subscriptions\"}]", SocketPacket.ack(12, "{\"type\":\"subscriptions\"}"));
        assertEquals("42[\"ticker_update\",{}]", EnginePackets.message(SocketPacket.event("ticker_update", "{}")));
    }

    @Test
    void badPacketsAreRefusedWithTheReason() {
        assertEquals("binary Socket.IO packet: expected JSON events (no binary attachments)",
                assertThrows(ProtocolException.class, () -> SocketPacket.parse("51-[\"x\",{}]")).getMessage());
        assertEquals("Socket.IO packet of unknown type 'x': expected 0 (CONNECT), 1 (DISCONNECT), 2 (EVENT) or 3 (ACK)",
                assertThrows(ProtocolException.class, () -> SocketPacket.parse("x")).getMessage());
        assertEquals("Socket.IO ack id 99999999999999999 is too large: expected at most 9007199254740992",
                assertThrows(ProtocolException.class, () -> SocketPacket.parse("299999999999999999[\"x\"]"))
                        .getMessage());
        String notJson = assertThrows(ProtocolException.class, () -> SocketPacket.parse("2[\"x\",")).getMessage();
        assertEquals(true, notJson.startsWith("Socket.IO packet data is not JSON ("), notJson);
    }
}
