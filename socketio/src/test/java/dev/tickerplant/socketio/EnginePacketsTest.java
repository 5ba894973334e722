package dev.tickerplant.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnginePacketsTest {

    @Test
    void openPacketCarriesTheSidTheUpgradeAndTheTimings() {
        SocketIoOptions options = SocketIoOptions.defaults();
        assertEquals("0{\"sid\":\"abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,"
                + "\"maxPayload\":1000000}", EnginePackets.open("abc", true, options));
        assertEquals("0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":200,\"pingTimeout\":300,"
                + "\"maxPayload\":1000000}", EnginePackets.open("abc", false,
                options.withPing(Duration.ofMillis(200), Duration.ofMillis(300))));
    }

    @Test
    void pollingPayloadsSplitAndJoinOnTheRecordSeparator() throws ProtocolException {
        String body = "40\u001e42[\"subscribe\",{\"products\":[\"BTC-USD\"]}]\u001e3";
        List<String> packets = EnginePackets.splitPayload(body);
        assertEquals(List.of("40", "42[\"subscribe\",{\"products\":[\"BTC-USD\"]}]", "3"), packets);
        assertEquals(body, EnginePackets.joinPayload(packets));
        assertEquals(List.of("6"), EnginePackets.splitPayload("6"));
        assertEquals("2", EnginePackets.joinPayload(List.of("2")));
    }

    @Test
    void badPacketsAreRefusedWithTheReason() {
        assertEquals("binary Engine.IO packet: expected text packets (this endpoint speaks JSON)",
                assertThrows(ProtocolException.class, () -> EnginePackets.splitPayload("40\u001ebAQID")).getMessage());
        assertEquals("empty Engine.IO packet: expected a type digit 1-6 and its data",
                assertThrows(ProtocolException.class, () -> EnginePackets.splitPayload("40\u001e")).getMessage());
        assertEquals("Engine.IO packet of unknown type '9': expected a type digit 1-6 (close, ping, pong, message, "
                + "upgrade, noop)", assertThrows(ProtocolException.class, () -> EnginePackets.check("9")).getMessage());
    }

    @Test
    void optionsAreValidated() {
        assertEquals("pingInterval: PT0S (expected: > 0)", assertThrows(IllegalArgumentException.class,
                () -> SocketIoOptions.defaults().withPing(Duration.ZERO, Duration.ofSeconds(1))).getMessage());
        assertEquals("maxPayload: 0 (expected: >= 1)", assertThrows(IllegalArgumentException.class,
                () -> new SocketIoOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 0)).getMessage());
    }
}
