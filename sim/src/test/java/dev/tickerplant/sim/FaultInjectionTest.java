package dev.tickerplant.sim;

import static dev.tickerplant.testing.Json.at;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.feed.FaultControl;
import dev.tickerplant.sim.feed.FaultTarget;
import dev.tickerplant.sim.feed.SimConnection;
import dev.tickerplant.sim.market.Tick;
import dev.tickerplant.testing.AwaitilityDefaults;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {

    /** How long a test waits for what must happen; generous, as the machine may be busy. */
    private static final Duration END = AwaitilityDefaults.WAIT;

    private Simulator sim;
    private FaultControl faults;

    @BeforeAll
    void start() {
        sim = Simulator.start(SimulatorOptions.defaults().withTickRate(800).withSeed(3)
                .withMaxConnectionsPerSecond(1_000).withMaxSubscribeMessagesPerSecond(1_000)
                .withHeartbeatInterval(Duration.ofMillis(200)).withControlPort(SimulatorOptions.DISABLED));
        faults = sim.faults();
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    /** A connection subscribed to the ticker of {@code product}, past its snapshot and ack; returns it and its id. */
    private Subscribed subscribedTo(String product) {
        WebSocketClient client = WebSocketClient.connect(sim.advancedTradeUri());
        client.send("{\"type\":\"subscribe\",\"product_ids\":[\"" + product + "\"],\"channel\":\"ticker\"}");
        assertEquals("snapshot", at(client.nextJson(), "events", 0, "type"));
        assertEquals("subscriptions", client.nextJson().get("channel"));
        long id = sim.connections().stream().mapToLong(SimConnection::id).max().orElseThrow();
        return new Subscribed(client, id);
    }

    private record Subscribed(WebSocketClient client, long id) {
    }

    private static long seq(Map<String, Object> frame) {
        return (long) frame.get("sequence_num");
    }

    @Test
    void resetAbortsTheTcpConnectionWithoutACloseFrame() {
        Subscribed s = subscribedTo("BTC-USD");
        assertEquals(1, faults.resetConnection(s.id()));
        assertEquals(1006, s.client().awaitClose(END).closeCode(), "an abnormal end, without a close frame");
        await("the server to forget the connection").atMost(END)
                .until(() -> sim.connections().stream().noneMatch(c -> c.id() == s.id()));
    }

    @Test
    void resetByProductHitsOnlyTheConnectionsCarryingIt() {
        Subscribed btc = subscribedTo("ETH-USD");
        Subscribed sol = subscribedTo("SOL-USD");
        assertEquals(1, faults.resetProduct("ETH-USD"));
        btc.client().awaitClose(END);
        assertFalse(sol.client().ended());
        sol.client().nextJson();
        assertThrows(IllegalArgumentException.class, () -> faults.resetProduct("NOPE-USD"));
        assertEquals(0, faults.resetConnection(999_999), "an unknown id affects nothing");
        sol.client().close();
    }

    @Test
    void goingAwaySendsClose1001() {
        Subscribed a = subscribedTo("BTC-USD");
        Subscribed b = subscribedTo("ETH-USD");
        assertTrue(faults.closeAll(1001) >= 2);
        a.client().assertClosedWith(1001, "going away", END);
        b.client().assertClosedWith(1001, "going away", END);
    }

    @Test
    void stallSilencesEverythingUntilReleasedAndTheSequenceShowsTheGap() {
        Subscribed s = subscribedTo("BTC-USD");
        s.client().send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
        Map<String, Object> last = s.client().nextJson(f -> f.get("channel").equals("heartbeats"), END);
        assertEquals(1, faults.stall(s.id(), true));
        SimConnection stalled = sim.connections().stream().filter(c -> c.id() == s.id()).findFirst().orElseThrow();
        assertTrue(stalled.stalled());
        // The stall is in force when stall() returns. Every frame written before it took a sequence number, from 0
        // on and none skipped: what is still on its way ends with number framesSent - 1.
        long lastWritten = stalled.framesSent() - 1;
        if (seq(last) < lastWritten) {
            s.client().nextJson(f -> seq(f) == lastWritten, END);
        }
        s.client().assertSilentFor(Duration.ofMillis(700));
        assertFalse(s.client().ended(), "the socket stays open");
        faults.stall(s.id(), false);
        Map<String, Object> next = s.client().nextJson();
        assertTrue(seq(next) > seq(last) + 2, "frames not sent while stalled still used sequence numbers");
        s.client().close();
    }

    /**
     * Frames already on their way when a fault is armed arrive first, so the checks below read until the anomaly
     * shows up (bounded), then require a clean stream after it.
     */
    private static final int SEARCH_LIMIT = 2_000;

    @Test
    void droppedFramesLeaveAVisibleGapButStayInTheEmittedLog() {
        Subscribed s = subscribedTo("BTC-USD");
        Map<String, Object> previous = s.client().nextJson();
        assertEquals(1, faults.dropNext(FaultTarget.connection(s.id()), 3));
        Map<String, Object> afterGap = null;
        for (int i = 0; i < SEARCH_LIMIT && afterGap == null; i++) {
            Map<String, Object> frame = s.client().nextJson();
            long gap = seq(frame) - seq(previous) - 1;
            if (gap != 0) {
                assertEquals(3, gap, "three frames dropped");
                afterGap = frame;
            } else {
                previous = frame;
            }
        }
        assertTrue(afterGap != null, "no gap within " + SEARCH_LIMIT + " frames");
        List<Tick> log = sim.emitted().ticksFor("BTC-USD");
        int before = indexOfVolume(log, at(previous, "events", 0, "tickers", 0, "volume_24_h"));
        assertEquals(log.get(before + 4).volume24h(), at(afterGap, "events", 0, "tickers", 0, "volume_24_h"),
                "the three dropped ticks were emitted all the same");
        assertContiguous(s.client(), afterGap, 10);
        s.client().close();
    }

    private static void assertContiguous(WebSocketClient client, Map<String, Object> from, int frames) {
        long expected = seq(from) + 1;
        for (int i = 0; i < frames; i++) {
            assertEquals(expected++, seq(client.nextJson()), "clean stream after the fault");
        }
    }

    private static int indexOfVolume(List<Tick> ticks, String volume) {
        for (int i = 0; i < ticks.size(); i++) {
            if (ticks.get(i).volume24h().equals(volume)) {
                return i;
            }
        }
        throw new AssertionError("volume " + volume + " not in the emitted log");
    }

    @Test
    void duplicatedFramesRepeatTheirSequenceNumber() {
        Subscribed s = subscribedTo("BTC-USD");
        long previous = seq(s.client().nextJson());
        faults.duplicateNext(FaultTarget.connection(s.id()), 2);
        List<Long> repeated = new ArrayList<>();
        Map<String, Object> frame = null;
        for (int i = 0; i < SEARCH_LIMIT && repeated.size() < 2; i++) {
            frame = s.client().nextJson();
            long current = seq(frame);
            if (current == previous) {
                repeated.add(current);
            } else {
                assertEquals(previous + 1, current, "only repeats, no gaps");
            }
            previous = current;
        }
        assertEquals(2, repeated.size(), "two frames repeated within " + SEARCH_LIMIT + " frames");
        assertEquals(repeated.get(0) + 1, repeated.get(1), "the next two frames, back to back");
        assertContiguous(s.client(), frame, 10);
        s.client().close();
    }

    @Test
    void swappedFramesArriveOutOfOrder() {
        Subscribed s = subscribedTo("BTC-USD");
        long previous = seq(s.client().nextJson());
        faults.swapNextTwo(FaultTarget.connection(s.id()));
        Map<String, Object> held = null;
        for (int i = 0; i < SEARCH_LIMIT && held == null; i++) {
            Map<String, Object> frame = s.client().nextJson();
            long current = seq(frame);
            if (current < previous) {
                assertEquals(previous - 1, current, "the held frame follows its successor");
                held = frame;
            } else {
                assertTrue(current == previous + 1 || current == previous + 2,
                        "in order, or the successor of the held frame: " + previous + " then " + current);
            }
            previous = current;
        }
        assertTrue(held != null, "no swap within " + SEARCH_LIMIT + " frames");
        long expected = seq(held) + 2;
        for (int i = 0; i < 10; i++) {
            assertEquals(expected++, seq(s.client().nextJson()), "in order again after the swap");
        }
        s.client().close();
    }

    @Test
    void malformedFramesAreNotJsonAndConsumeNoSequenceNumber() {
        Subscribed s = subscribedTo("BTC-USD");
        long previous = seq(s.client().nextJson());
        assertEquals(1, faults.sendMalformed(FaultTarget.connection(s.id()), 2));
        int malformed = 0;
        int wellFormedAfter = 0;
        for (int i = 0; i < SEARCH_LIMIT && wellFormedAfter < 5; i++) {
            String text = s.client().next();
            Map<String, Object> frame;
            try {
                frame = Json.object(text);
            } catch (RuntimeException notJson) {
                malformed++;
                continue;
            }
            assertEquals(previous + 1, seq(frame), "no gap around malformed frames");
            previous = seq(frame);
            if (malformed == 2) {
                wellFormedAfter++;
            }
        }
        assertEquals(2, malformed);
        assertEquals(5, wellFormedAfter);
        s.client().close();
    }

    @Test
    void injectedErrorHasTheErrorShape() {
        Subscribed s = subscribedTo("ETH-USD");
        faults.sendError(FaultTarget.product("ETH-USD"), "internal error");
        Map<String, Object> error = s.client().nextJson(f -> "error".equals(f.get("type")), END);
        assertEquals(Map.of("type", "error", "message", "internal error"), error);
        s.client().close();
    }

    @Test
    void delayedAckArrivesAfterTheDataItAcknowledges() {
        WebSocketClient client = WebSocketClient.connect(sim.advancedTradeUri());
        await("the connection to register").atMost(END).until(() -> !sim.connections().isEmpty());
        long id = sim.connections().stream().mapToLong(SimConnection::id).max().orElseThrow();
        assertEquals(1, faults.delayNextAck(FaultTarget.connection(id), Duration.ofMillis(400)));
        long sent = System.nanoTime();
        client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channel\":\"ticker\"}");
        assertEquals("snapshot", at(client.nextJson(), "events", 0, "type"));
        Map<String, Object> firstUpdate = client.nextJson();
        assertEquals("ticker", firstUpdate.get("channel"), "data flows before the ack");
        Map<String, Object> ack = client.nextJson(f -> f.get("channel").equals("subscriptions"), END);
        assertTrue(System.nanoTime() - sent >= Duration.ofMillis(400).toNanos(), "ack held back 400 ms");
        assertTrue(seq(ack) > seq(firstUpdate));
        client.close();
    }

    @Test
    void rejectedConnectionsGetHttp429() {
        long rejectedBefore = sim.stats().connectionsRejected();
        faults.rejectNextConnections(2);
        assertEquals(429, WebSocketClient.upgradeStatus(sim.advancedTradeUri()));
        assertEquals(429, WebSocketClient.upgradeStatus(sim.exchangeUri()));
        WebSocketClient.connect(sim.advancedTradeUri()).close();
        assertEquals(rejectedBefore + 2, sim.stats().connectionsRejected());
    }

    @Test
    void faultsWorkOnTheExchangeFeedToo() {
        WebSocketClient client = WebSocketClient.connect(sim.exchangeUri());
        client.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"ticker\"]}");
        assertEquals("subscriptions", client.nextJson().get("type"));
        long previous = (long) client.nextJson().get("trade_id");
        faults.dropNext(FaultTarget.product("BTC-USD"), 2);
        boolean gap = false;
        for (int i = 0; i < SEARCH_LIMIT && !gap; i++) {
            long tradeId = (long) client.nextJson().get("trade_id");
            gap = tradeId - previous == 3;
            if (!gap) {
                assertEquals(previous + 1, tradeId, "trade ids are contiguous unless dropped");
            }
            previous = tradeId;
        }
        assertTrue(gap, "two dropped tickers show as a trade_id jump of 3");
        client.close();
    }
}
