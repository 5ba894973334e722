package dev.tickerplant.ingest.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tickerplant.testing.Fixtures;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Once warm, decoding a frame allocates nothing: each decoder reuses one parser. Measured with the JVM's per-thread
 * allocation counter, so the figures are exact, not sampled; the bound leaves room for a stray allocation by the JIT
 * or the test itself, far below the several hundred bytes a parser per frame costs.
 */
class DecodeAllocationTest {

    private static final int WARM_UP_FRAMES = 30_000;
    private static final int MEASURED_FRAMES = 20_000;
    private static final long MAX_BYTES_PER_FRAME = 64;
    private static final int TICKERS_IN_BATCH = 20;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void advancedTradeTickerFrameAllocatesNothing() throws Exception {
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        byte[] frameBytes = FrameText.compact(Fixtures.text("advanced-trade/09-ticker-capture.json"));

        double perFrame = bytesPerFrame(new AdvancedTradeAdapter(), frameBytes, 1);

        System.out.printf("AT ticker frame: %.1f bytes allocated per frame%n", perFrame);
        assertTrue(perFrame < MAX_BYTES_PER_FRAME, perFrame + " bytes per frame");
    }

    @Test
    void exchangeTickerFrameAllocatesNothing() throws Exception {
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        byte[] frameBytes = FrameText.compact(Fixtures.text("exchange/37-ticker-capture.json"));

        double perFrame = bytesPerFrame(new ExchangeFeedAdapter(), frameBytes, 1);

        System.out.printf("EX ticker frame: %.1f bytes allocated per frame%n", perFrame);
        assertTrue(perFrame < MAX_BYTES_PER_FRAME, perFrame + " bytes per frame");
    }

    @Test
    void moreTickersPerFrameDoNotAllocateMore() throws Exception {
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        AdvancedTradeAdapter adapter = new AdvancedTradeAdapter();
        byte[] one = FrameText.compact(Fixtures.text("advanced-trade/09-ticker-capture.json"));
        byte[] many = FrameText.utf8(batchOf(TICKERS_IN_BATCH));

        double perFrameOne = bytesPerFrame(adapter, one, 1);
        double perFrameMany = bytesPerFrame(adapter, many, TICKERS_IN_BATCH);
        double perExtraTicker = (perFrameMany - perFrameOne) / (TICKERS_IN_BATCH - 1);

        System.out.printf("AT %d-ticker frame: %.1f bytes per frame, %.2f per extra ticker%n",
                TICKERS_IN_BATCH, perFrameMany, perExtraTicker);
        assertTrue(perFrameMany < MAX_BYTES_PER_FRAME, perFrameMany + " bytes per frame");
        assertTrue(perExtraTicker < 8, perExtraTicker + " bytes per extra ticker");
    }

    @Test
    void afterATruncatedFrameDecodingAllocatesNothingAgain() throws Exception {
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        ExchangeFeedAdapter adapter = new ExchangeFeedAdapter();
        byte[] good = FrameText.compact(Fixtures.text("exchange/37-ticker-capture.json"));
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        bytesPerFrame(adapter, good, 1);
        DecodedFrame frame = new DecodedFrame();
        assertThrows(FrameFormatException.class, () -> adapter.decode(truncated, 0, truncated.length, frame));

        double perFrame = bytesPerFrame(adapter, good, 1);

        System.out.printf("EX ticker frame after a truncated one: %.1f bytes allocated per frame%n", perFrame);
        assertTrue(perFrame < MAX_BYTES_PER_FRAME, perFrame + " bytes per frame");
    }

    private double bytesPerFrame(FeedDecoder decoder, byte[] frameBytes, int expectedTickers) throws Exception {
        DecodedFrame frame = new DecodedFrame();
        for (int i = 0; i < WARM_UP_FRAMES; i++) {
            decoder.decode(frameBytes, 0, frameBytes.length, frame);
        }
        assertEquals(expectedTickers, frame.tickerCount());
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < MEASURED_FRAMES; i++) {
            decoder.decode(frameBytes, 0, frameBytes.length, frame);
        }
        long after = threads.getThreadAllocatedBytes(threadId);
        assertEquals(expectedTickers, frame.tickerCount());
        return (after - before) / (double) MEASURED_FRAMES;
    }

    private static String batchOf(int tickers) {
        StringBuilder json = new StringBuilder("{\"channel\":\"ticker\",\"timestamp\":\"2026-09-05T22:10:29.562008293Z\","
                + "\"sequence_num\":0,\"events\":[{\"type\":\"update\",\"tickers\":[");
        for (int i = 0; i < tickers; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"ticker\",\"product_id\":\"P").append(i).append("-USD\",")
                    .append("\"price\":\"79879.1\",\"volume_24_h\":\"14152.6899\",\"low_24_h\":\"79445\",")
                    .append("\"high_24_h\":\"80206\",\"low_52_w\":\"57705.8\",\"high_52_w\":\"126340.3\",")
                    .append("\"price_percent_chg_24_h\":\"0.25541069034937\",\"best_bid\":\"79879\",")
                    .append("\"best_ask\":\"79879.1\",\"best_bid_quantity\":\"2.9352\",\"best_ask_quantity\":\"1.7389\"}");
        }
        return json.append("]}]}").toString();
    }
}
