package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With a flush linger, a loop that flushed less than the linger ago leaves the next ticks written but unflushed
 * until the linger ends, while a loop idle for longer flushes at once; a reply to the client still goes out after
 * the ticks before it. The clock is the test's (the linger timer checks it and waits again while it has not moved), so
 * nothing here depends on how fast the machine is.
 */
class CorkTest {
    private static final Duration LINGER = Duration.ofMillis(50);

    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final Harness harness = new Harness(Harness.options().withWorkerThreads(1).withFlushLinger(LINGER),
            null, clock::get);

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aLoopThatFlushedWithinTheLingerWaitsAndAReplyDoesNotOvertakeTheTicks() throws Exception {
        WebSocketClient client = harness.client();
        Harness.subscribe(client, "[\"*\"]", false);
        long flushesBefore = harness.server.view().clientFlushes();

        harness.market.tick("BTC-USD", "1.0"); // idle for longer than the linger: flushed at once
        assertEquals("BTC-USD", Harness.tickers(client, 1).get(0).get("product_id"));
        LoopFanout loop = harness.server.loops()[0];
        afterTasksSoFar(loop); // the figure is counted just after the flush the client saw
        assertEquals(flushesBefore + 1, harness.server.view().clientFlushes());

        long seq = harness.market.tick("ETH-USD", "2.0"); // same instant: within the linger
        await("tick not dispatched").atMost(Duration.ofSeconds(10)).until(() -> loop.lastSeq() == seq);
        afterTasksSoFar(loop);
        assertEquals(flushesBefore + 1, harness.server.view().clientFlushes(), "flushed within the linger");

        client.send("{\"type\":\"ping\"}");
        Map<String, Object> next = client.nextJson();
        assertEquals("ticker", next.get("type"), "the held tick goes out before the reply");
        assertEquals("ETH-USD", next.get("product_id"));
        assertEquals("pong", client.nextJson().get("type"));

        clock.addAndGet(LINGER.toNanos());
        harness.market.tick("SOL-USD", "3.0"); // the linger is over: flushed at once again
        assertEquals("SOL-USD", Harness.tickers(client, 1).get(0).get("product_id"));
    }

    /** Returns once the loop has run every task queued before this call (a dispatch under way included). */
    private static void afterTasksSoFar(LoopFanout loop) throws Exception {
        loop.loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }
}
