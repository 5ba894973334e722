package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tickerplant.testing.WebSocketClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Under Netty's paranoid leak detector (this class runs in a JVM of its own with it, see the module's pom), a run with
 * clients of every product, of a few products and a slow reader, then shutdown, leaves no buffer unreleased: every
 * shared batch buffer, slice, held copy and staging buffer is accounted for.
 */
@Tag("paranoid")
class LeakDetectionTest {
    private static final int TICKS = 4_000;
    private static final int ROUND = 200;

    private final ListAppender<ILoggingEvent> leaks = new ListAppender<>();
    private final Logger detectorLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);

    @BeforeEach
    void listen() {
        leaks.start();
        detectorLog.addAppender(leaks);
    }

    @AfterEach
    void stopListening() {
        detectorLog.detachAppender(leaks);
    }

    @Test
    void noBufferLeaksThroughDeliveryConflationAndShutdown() throws Exception {
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
        try (Harness harness = new Harness(Harness.options().withWriteBuffer(4 * 1024, 8 * 1024))) {
            WebSocketClient everything = harness.client();
            Harness.subscribe(everything, "[\"*\"]", false);
            WebSocketClient some = harness.client();
            Harness.subscribe(some, "[\"BTC-USD\",\"SOL-USD\"]", false);
            WebSocketClient slow = harness.track(WebSocketClient.to(harness.port(), "/ws?products=*")
                    .receiveBuffer(4096).readOnDemand().connect());
            // The slow reader reads nothing: publish until the server has had to hold ticks back for it.
            int[] published = {0};
            await("conflation for the slow reader").pollInterval(Duration.ofMillis(1)).until(() -> {
                for (int i = 0; i < ROUND; i++, published[0]++) {
                    harness.market.tick(Harness.PRODUCTS.get(published[0] % Harness.PRODUCTS.size()),
                            "7." + published[0]);
                }
                harness.market.awaitConsumed();
                assertEquals(ROUND, Harness.tickers(everything, ROUND).size());
                return harness.server.view().dropped() > 0 && published[0] >= TICKS;
            });
            slow.close();
            everything.close();
            some.close();
        }
        // Probed for a quarter of a second, every 50 ms: the collector enqueues the references it cleared in its own
        // time, and the detector reports collected, unreleased buffers when the next buffer is tracked.
        await("no leak reported while probing").pollInterval(Duration.ofMillis(50)).during(Duration.ofMillis(250))
                .atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    System.gc();
                    for (int i = 0; i < 100; i++) {
                        ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(64);
                        probe.release();
                    }
                    assertEquals(List.of(), leaks.list.stream().map(ILoggingEvent::getFormattedMessage)
                            .filter(m -> m.contains("LEAK")).toList());
                });
    }
}
