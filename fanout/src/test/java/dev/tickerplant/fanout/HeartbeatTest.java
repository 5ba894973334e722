package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Heartbeats and pings every interval; a client silent for 2.5 intervals is closed with 4002. */
class HeartbeatTest {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private final Harness harness = new Harness(Harness.options().withHeartbeatInterval(INTERVAL));

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void heartbeatsCarryServerTimeAndLastSeqAndAnsweringPingsKeepsAClientOpen() {
        long seq = harness.market.tick("BTC-USD", "1");
        harness.market.awaitConsumed();
        long start = System.nanoTime();
        WebSocketClient client = harness.client(); // the JDK client answers pings with pongs by itself

        Map<String, Object> last = null;
        for (int i = 0; i < 5; i++) {
            last = client.nextJson(m -> "heartbeat".equals(m.get("type")));
        }

        // Scheduled at a fixed rate from the upgrade: the fifth can be late, never early.
        assertTrue(System.nanoTime() - start >= INTERVAL.multipliedBy(4).toNanos(), "heartbeats come every interval");
        assertEquals(seq, last.get("last_seq"));
        Instant serverTime = Instant.parse((String) last.get("server_time"));
        assertTrue(Duration.between(serverTime, Instant.now()).abs().toSeconds() < 5, serverTime.toString());
        assertFalse(client.ended(), "closed although it answered every ping");
    }

    @Test
    void aClientThatSendsNothingIsClosedWith4002AfterTwoAndAHalfIntervals() throws Exception {
        long start = System.nanoTime(); // before the upgrade, the last thing this client ever sends
        try (WebSocketClient silent = WebSocketClient.to(harness.port(), "/ws").readOnDemand().connect()) {
            int pings = 0;
            WebSocketClient.Frame frame;
            while ((frame = silent.nextFrame()).opcode() != WebSocketClient.CLOSE) {
                pings += frame.opcode() == WebSocketClient.PING ? 1 : 0;
            }
            long elapsed = System.nanoTime() - start;

            assertEquals(4002, frame.closeCode());
            assertEquals("idle timeout", frame.closeReason());
            assertTrue(elapsed >= INTERVAL.multipliedBy(5).dividedBy(2).toNanos(), elapsed + " ns");
            assertTrue(pings >= 2, pings + " pings");
        }
    }
}
