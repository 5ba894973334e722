package dev.tickerplant.fanout.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tickerplant.ingest.codec.FrameFormatException;
import dev.tickerplant.ingest.codec.TickerSlot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a fanout node reads off the bus must re-encode to the very bytes the ingest node wrote. */
class TickerJsonReaderTest {
    private static final long RECEIVED =
            Instant.parse("2026-10-03T20:58:31Z").getEpochSecond() * 1_000_000_000L + 129_034_000L;

    @ParameterizedTest
    @CsvSource({"10-ticker-capture.json, true", "11-ticker-capture.json, true", "37-ticker-capture.json, false",
            "38-ticker-capture.json, false"})
    void aTickerReadBackEncodesToTheSameBytes(String fixture, boolean advancedTrade) throws Exception {
        TickerSlot original = Fixtures.ticker(fixture, advancedTrade);
        byte[] written = encode(original, 42, RECEIVED);

        TickerJsonReader reader = new TickerJsonReader();
        TickerSlot read = new TickerSlot();
        reader.read(written, 0, written.length, read);

        assertEquals(RECEIVED, reader.receivedEpochNanos());
        assertEquals(original.exchangeSequence, read.exchangeSequence);
        assertEquals(original.tradeId, read.tradeId);
        assertEquals(original.productId.toString(), read.productId.toString());
        assertArrayEquals(written, encode(read, 42, reader.receivedEpochNanos()),
                () -> new String(written, StandardCharsets.US_ASCII));
    }

    @Test
    void theWritersSeqIsIgnoredAndUnknownKeysAreSkipped() throws Exception {
        byte[] json = ("{\"type\":\"ticker\",\"seq\":9,\"product_id\":\"BTC-USD\",\"price\":\"1.50\","
                + "\"later\":{\"nested\":[1,2]},\"exchange_time\":null}").getBytes(StandardCharsets.US_ASCII);
        TickerJsonReader reader = new TickerJsonReader();
        TickerSlot read = new TickerSlot();
        reader.read(json, 0, json.length, read);
        assertEquals("BTC-USD", read.productId.toString());
        assertEquals("1.50", read.field(dev.tickerplant.ingest.codec.TickField.PRICE).toString());
        assertEquals(Long.MIN_VALUE, read.exchangeTimeNanos);
        assertEquals(Long.MIN_VALUE, reader.receivedEpochNanos());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1,2]|ticker: expected a JSON object",
            "{\"price\":\"1\"}|ticker: no product_id",
            "{\"product_id\":7}|ticker: product_id is not a string",
            "{\"product_id\":\"BTC-USD\",\"sequence\":\"x\"}|ticker: sequence is not an integer"})
    void aBadObjectIsRefusedWithWhatIsWrongAndLeavesTheSlotEmpty(String json, String message) {
        TickerSlot read = new TickerSlot();
        byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> new TickerJsonReader().read(bytes, 0, bytes.length, read));
        assertEquals(message, e.getMessage());
        assertFalse(read.productId.isPresent());
    }

    private static byte[] encode(TickerSlot tick, long seq, long received) {
        JsonBytes out = new JsonBytes(64);
        TickerJson.write(out, tick, seq, received);
        return java.util.Arrays.copyOf(out.array(), out.length());
    }
}
