package dev.tickerplant.ingest.upstream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.ingest.catalog.Product;
import dev.tickerplant.ingest.codec.AdvancedTradeAdapter;
import dev.tickerplant.ingest.codec.DecodedFrame;
import dev.tickerplant.ingest.codec.FrameFormatException;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.plan.ShardPlanner;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.testing.EndToEnd;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * 10 000 mutated frames and a few hundred binary frames through a live upstream link: each bad one is counted as
 * malformed, the log gets one line per quiet period instead of one per frame, and the link never drops: valid tickers
 * sent between the bad frames all arrive. A frame over the size limit is the one thing that costs a reconnect.
 */
@EndToEnd
class LiveUpstreamFuzzTest {
    private static final List<String> PRODUCTS = List.of("AAA-USD", "BBB-USD", "CCC-USD");
    private static final int MUTANTS = 10_000;
    private static final int MAX_FRAME = 256 * 1024;
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger sessionLogger = (Logger) LoggerFactory.getLogger(UpstreamSession.class);
    private final Set<String> acceptedVolumes = ConcurrentHashMap.newKeySet();
    private ScriptedFeed feed;
    private TickRing ring;
    private UpstreamConductor conductor;

    @BeforeEach
    void start() {
        log.start();
        sessionLogger.addAppender(log);
        feed = new ScriptedFeed(PRODUCTS);
        MarketState market = new MarketState(PRODUCTS);
        market.addListener(event -> acceptedVolumes.add(event.ticker.productId + "|"
                + event.ticker.field(TickField.VOLUME_24H)));
        ring = new TickRing(1 << 14, market, new DefaultThreadFactory("fuzz-consumer", true));
        ring.start();
        List<Product> products = PRODUCTS.stream()
                .map(id -> new Product(id, id.substring(0, 3), "USD", true, true, "", BigDecimal.ONE)).toList();
        conductor = new UpstreamConductor(new ShardPlanner().plan(products, 15, Set.of()), options(feed.uri()),
                Optional.empty(), ring, new RateLimiter("connect", 8, System::nanoTime),
                new RateLimiter("subscribe", 8, System::nanoTime),
                Backoff.exponential(Duration.ofMillis(50), Duration.ofMillis(200), 2.0), () -> null, 1);
        conductor.start();
        UpstreamStats stats = conductor.stats().get(0);
        await().atMost(DEADLINE).untilAsserted(() -> assertTrue(
                stats.ackedProducts() == PRODUCTS.size(), () -> "the ack: " + stats.state()));
        for (String product : PRODUCTS) {
            feed.sendTicker(product, "1.0");
        }
        await().atMost(DEADLINE).untilAsserted(() -> assertTrue(
                stats.streaming() && stats.flowingProducts() == PRODUCTS.size(),
                () -> "streaming: " + stats.state() + ", flowing " + stats.flowingProducts()));
    }

    @AfterEach
    void stop() {
        sessionLogger.detachAppender(log);
        conductor.close(2000);
        ring.close();
        feed.close();
    }

    @Test
    void mutatedAndBinaryFramesAreCountedLoggedOnceAndTheLinkKeepsStreaming() {
        UpstreamStats stats = conductor.stats().get(0);
        FrameMutator mutator = new FrameMutator(FrameMutator.fixtures("advanced-trade", "08-ticker-doc.json",
                "09-ticker-capture.json", "10-ticker-capture.json", "12-ticker_batch-capture.json",
                "13-ticker_batch-capture.json", "07-heartbeats-capture.json", "26-subscriptions-capture.json"),
                0x5EEDL);
        AdvancedTradeAdapter oracle = new AdvancedTradeAdapter();
        DecodedFrame scratch = new DecodedFrame();
        long expectedMalformed = 0;
        int valid = 0;
        int binary = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = mutator.next();
            if (!decodes(oracle, scratch, mutant)) {
                expectedMalformed++;
            }
            feed.sendText(mutant);
            if (i % 50 == 0) {
                feed.sendTicker(PRODUCTS.get(valid % PRODUCTS.size()), "5000." + valid++);
            } else if (i % 50 == 25) {
                feed.sendBinary(mutator.noise(1 + i % 700));
                binary++;
                expectedMalformed++;
            }
        }
        feed.sendTicker(PRODUCTS.get(0), "9999.9");
        await().atMost(DEADLINE).untilAsserted(() -> assertTrue(
                acceptedVolumes.contains(PRODUCTS.get(0) + "|9999.9"),
                () -> "the last valid ticker, after all mutants; " + stats.malformedFrames.sum() + " malformed"));

        assertTrue(expectedMalformed > MUTANTS / 4, "hostile enough: " + expectedMalformed + " bad frames");
        assertEquals(expectedMalformed, stats.malformedFrames.sum(), "every bad frame counted, " + binary
                + " of them binary");
        for (int v = 0; v < valid; v++) {
            String key = PRODUCTS.get(v % PRODUCTS.size()) + "|5000." + v;
            assertTrue(acceptedVolumes.contains(key), "valid ticker " + key + " between the bad frames arrived");
        }
        assertEquals(1, stats.connectAttempts.sum(), "the link never dropped: " + stats.lastCloseReason());
        assertEquals(0, stats.reconnects.sum());
        assertTrue(stats.streaming());
        assertEquals(1, feed.connections());
        List<String> malformedLines = lines(Level.WARN, "malformed frame skipped");
        assertEquals(1, malformedLines.size(), "one WARN per quiet period, the rest counted: " + malformedLines);
        System.out.printf("live upstream fuzz: %d text mutants + %d binary frames, %d counted malformed, %d valid "
                + "tickers in between all accepted, 1 WARN line, 0 reconnects%n", MUTANTS, binary,
                stats.malformedFrames.sum(), valid + 1);
    }

    @Test
    void aFrameOverTheSizeLimitCostsOneReconnectAfterWhichStreamingResumes() {
        UpstreamStats stats = conductor.stats().get(0);
        byte[] oversized = new byte[MAX_FRAME + 1];
        java.util.Arrays.fill(oversized, (byte) 'x');

        feed.sendText(oversized);

        await().atMost(DEADLINE).untilAsserted(() -> assertTrue(
                stats.reconnects.sum() == 1 && feed.connections() == 2 && stats.ackedProducts() == PRODUCTS.size(),
                () -> "a reconnect: " + stats.state()));
        feed.sendTicker(PRODUCTS.get(1), "7777.7");
        await().atMost(DEADLINE).untilAsserted(() -> assertTrue(
                stats.streaming() && acceptedVolumes.contains(PRODUCTS.get(1) + "|7777.7"),
                () -> "streaming again: " + stats.state()));
        assertEquals(2, stats.connectAttempts.sum(), "exactly one reconnect");
        assertEquals(0, stats.malformedFrames.sum(), "not skipped as malformed: the decoder never saw it");
        assertTrue(stats.lastCloseReason().contains("Max frame length of " + MAX_FRAME), stats.lastCloseReason());
        System.out.println("oversized upstream frame: link closed (" + stats.lastCloseReason() + "), reconnected, "
                + "streaming again");
    }

    private static boolean decodes(AdvancedTradeAdapter oracle, DecodedFrame frame, byte[] bytes) {
        frame.reset();
        try {
            oracle.decode(bytes, 0, bytes.length, frame);
            return true;
        } catch (FrameFormatException e) {
            return false;
        }
    }

    private List<String> lines(Level level, String containing) {
        return log.list.stream().filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
    }

    private static UpstreamOptions options(URI uri) {
        return new UpstreamOptions(uri, CoinbaseProtocol.ADVANCED_TRADE, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(60), MAX_FRAME,
                Duration.ofSeconds(10));
    }
}
