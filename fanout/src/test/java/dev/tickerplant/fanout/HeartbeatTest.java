package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats and pings reach a real client over a socket, its pongs keep it open, and a client that never answers is
 * closed with 4002. When each of them happens is proven on a test clock by {@link SessionTimersTest}; here only the
 * order of events counts, so a busy machine can make them late without failing the test.
 */
@EndToEnd
class HeartbeatTest {
    private Harness harness;

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void heartbeatsCarryServerTimeAndLastSeqAndAnsweringPingsKeepsAClientOpen() {
        // Long enough that the JDK client's pongs (it answers pings by itself) are never late for the idle check, even
        // when its thread waits seconds for a core (2 s was not: a pong 3 s late on a machine at load 18 closed it).
        Duration interval = Duration.ofSeconds(4);
        harness = new Harness(Harness.options().withHeartbeatInterval(interval));
        long seq = harness.market.tick("BTC-USD", "1");
        harness.market.awaitConsumed();
        WebSocketClient client = harness.client(); // answers pings with pongs by itself

        // The third heartbeat leaves 3 intervals after the upgrade, past the 2.5 intervals a silent client gets.
        Map<String, Object> last = null;
        for (int i = 0; i < 3; i++) {
            last = client.nextJson(m -> "heartbeat".equals(m.get("type")));
        }

        assertEquals(seq, last.get("last_seq"));
        Instant serverTime = Instant.parse((String) last.get("server_time"));
        assertTrue(Duration.between(serverTime, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0,
                "server_time is the wall clock: " + serverTime);
        assertFalse(client.ended(), "closed although it answered every ping");
    }

    @Test
    void aClientThatSendsNothingIsPingedAndThenClosedWith4002() throws Exception {
        harness = new Harness(Harness.options().withHeartbeatInterval(Duration.ofMillis(200)));
        try (WebSocketClient silent = WebSocketClient.to(harness.port(), "/ws").readOnDemand().connect()) {
            int pings = 0;
            WebSocketClient.Frame frame;
            while ((frame = silent.nextFrame()).opcode() != WebSocketClient.CLOSE) {
                pings += frame.opcode() == WebSocketClient.PING ? 1 : 0;
            }

            assertEquals(4002, frame.closeCode());
            assertEquals("idle timeout", frame.closeReason());
            // Due at 1 and 2 intervals, before the idle check at 2.5: however late the loop runs them, in that order.
            assertTrue(pings >= 2, pings + " pings");
        }
    }
}
