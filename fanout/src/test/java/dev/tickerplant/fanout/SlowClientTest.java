package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A client that stops reading is conflated (latest per product), never delays the others, and is finally closed. How
 * long "finally" is, to the nanosecond, is proven on a test clock by {@link SessionTimersTest}; here a real socket
 * fills up, and the waits are only there to bound a broken run.
 */
class SlowClientTest {
    private static final List<String> FIVE = Harness.PRODUCTS.subList(0, 5);
    /** Small enough for the fast client's socket buffers to absorb a whole round, so it never backs up. */
    private static final int ROUND = 200;
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    private Harness harness;

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void stalledClientIsConflatedWithoutDelayingOthersAndThenGetsTheLatestOfEachProduct() throws IOException {
        harness = new Harness(Harness.options().withWriteBuffer(32 * 1024, 64 * 1024)
                .withSlowClientTimeout(Duration.ofSeconds(60)));
        WebSocketClient slow = harness.track(WebSocketClient.to(harness.port(), "/ws")
                .header("User-Agent: raw-test-client").receiveBuffer(4096).readOnDemand().connect());
        assertEquals("welcome", slow.nextJson().get("type"));
        slow.send("{\"type\":\"subscribe\",\"products\":" + Json.strings(FIVE) + ",\"snapshot\":false}");
        assertEquals("subscriptions", slow.nextJson().get("type"));
        WebSocketClient fast = harness.client();
        Harness.subscribe(fast, Json.strings(FIVE), false);

        // The slow client reads nothing from here on; publish until the server has had to conflate for it.
        Map<String, Long> lastSeqOf = new HashMap<>();
        List<Long> all = new ArrayList<>();
        await("conflation for the stalled client").atMost(EVENTUALLY).pollInSameThread()
                .pollInterval(Duration.ofMillis(1)).until(() -> {
                    for (int i = 0; i < ROUND; i++) {
                        String product = FIVE.get(i % FIVE.size());
                        long seq = harness.market.tick(product, (all.size() % 1000) + ".25");
                        lastSeqOf.put(product, seq);
                        all.add(seq);
                    }
                    harness.market.awaitConsumed();
                    // The fast client is on the same server and gets every single tick, in order, meanwhile.
                    assertEquals(all.subList(all.size() - ROUND, all.size()),
                            SubscriptionTest.seqs(Harness.tickers(fast, ROUND)));
                    return harness.server.view().dropped() > 0;
                });
        await("the slow client's dropped published").atMost(EVENTUALLY).until(() -> droppedOf(slowView()) > 0);

        // Now it reads again: the backlog, then the newest frame of each product, all in seq order.
        Map<String, Long> received = new HashMap<>();
        long previous = 0;
        int tickers = 0;
        while (!received.equals(lastSeqOf)) {
            Map<String, Object> m = slow.nextJson();
            if (!"ticker".equals(m.get("type"))) {
                continue;
            }
            long seq = (Long) m.get("seq");
            assertTrue(seq > previous, "seq " + seq + " after " + previous);
            previous = seq;
            received.put((String) m.get("product_id"), seq);
            tickers++;
        }
        assertTrue(tickers < all.size(), tickers + " of " + all.size() + " ticks: nothing was conflated");
        long dropped = droppedOf(slowView());
        assertTrue(dropped > 0 && tickers + dropped <= all.size(), tickers + " sent + " + dropped + " dropped");
        long live = harness.market.tick("BTC-USD", "9");
        assertEquals(live, (Long) slow.nextJson().get("seq"));
        assertEquals(0, harness.server.view().slowClientsClosed());
    }

    @Test
    void clientUnwritableForTheSlowClientTimeoutIsClosedWith4001AndLogged() throws IOException {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(SubscriberSession.class)).addAppender(log);
        harness = new Harness(Harness.options().withWriteBuffer(8 * 1024, 16 * 1024)
                .withSlowClientTimeout(Duration.ofMillis(300)));
        WebSocketClient slow = harness.track(WebSocketClient.to(harness.port(), "/ws?products=BTC-USD")
                .receiveBuffer(4096).readOnDemand().connect());
        assertEquals("welcome", slow.nextJson().get("type"));
        String id = (String) harness.server.view().subscribers().get(0).id();

        // Keep publishing until the socket buffers are full and the channel stays unwritable for the timeout.
        await("the slow client closed").atMost(EVENTUALLY).pollInSameThread().pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    for (int i = 0; i < 500; i++) {
                        harness.market.tick("BTC-USD", i + ".5");
                    }
                    harness.market.awaitConsumed();
                    return harness.server.view().slowClientsClosed() > 0;
                });

        WebSocketClient.Frame close;
        do {
            close = slow.nextFrame();
        } while (close.opcode() != WebSocketClient.CLOSE);
        assertEquals(4001, close.closeCode());
        assertEquals("slow consumer: unwritable for 300 ms", close.closeReason());
        await("the closed client uncounted").atMost(EVENTUALLY)
                .until(() -> harness.server.view().subscriberCount() == 0);
        ((Logger) LoggerFactory.getLogger(SubscriberSession.class)).detachAppender(log);
        String line = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("client " + id + " ")).findFirst().orElseThrow();
        assertTrue(line.matches("client " + id + " \\(127\\.0\\.0\\.1:\\d+\\) disconnected after \\d+s: \\d+ messages "
                + "sent, [1-9]\\d* dropped \\(4001 slow consumer: unwritable for 300 ms\\)"), line);
    }

    @Test
    void aProductUnsubscribedWhileConflatedIsNotDeliveredFromWhatWasHeld() {
        harness = new Harness(Harness.options().withWriteBuffer(32 * 1024, 64 * 1024)
                .withSlowClientTimeout(Duration.ofSeconds(60)));
        WebSocketClient slow = harness.track(WebSocketClient.to(harness.port(), "/ws")
                .header("User-Agent: raw-test-client").receiveBuffer(4096).readOnDemand().connect());
        assertEquals("welcome", slow.nextJson().get("type"));
        slow.send("{\"type\":\"subscribe\",\"products\":" + Json.strings(Harness.PRODUCTS) + ",\"snapshot\":false}");
        assertEquals("subscriptions", slow.nextJson().get("type"));

        // The client reads nothing from here on: publish rounds of every product until its ticks are being held.
        await("conflation for the stalled client").atMost(EVENTUALLY).pollInSameThread()
                .pollInterval(Duration.ofMillis(1)).until(() -> {
                    for (int i = 0; i < ROUND; i++) {
                        harness.market.tick(Harness.PRODUCTS.get(i % Harness.PRODUCTS.size()), (i % 100) + ".5");
                    }
                    harness.market.awaitConsumed();
                    return droppedOf(slowView()) > 0;
                });
        slow.send("{\"type\":\"unsubscribe\",\"products\":[\"ETH-USD\"]}");
        await("the unsubscribe applied").atMost(EVENTUALLY)
                .until(() -> !slowView().subscriptions().contains("ticker:ETH-USD"));

        // It reads again: the backlog (ETH-USD among it), the subscriptions reply, then no ETH-USD at all.
        while (!"subscriptions".equals(slow.nextJson().get("type"))) {
            // the backlog written before the unsubscribe
        }
        long marker = harness.market.tick("BTC-USD", "7");
        List<String> after = new ArrayList<>();
        for (Map<String, Object> m = slow.nextJson(); !Long.valueOf(marker).equals(m.get("seq")); m = slow.nextJson()) {
            after.add(m.get("type") + ":" + m.get("product_id"));
        }
        assertTrue(after.stream().noneMatch(m -> m.endsWith(":ETH-USD")), after.toString());
        assertTrue(after.contains("ticker:BTC-USD"), "the held ticks of the products still subscribed: " + after);
    }

    private SubscriberView slowView() {
        return harness.server.view().subscribers().stream().filter(v -> v.userAgent().equals("raw-test-client"))
                .findFirst().orElseThrow();
    }

    private static long droppedOf(SubscriberView view) {
        return view.dropped();
    }
}
