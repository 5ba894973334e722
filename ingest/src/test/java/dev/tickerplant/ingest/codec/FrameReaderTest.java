package dev.tickerplant.ingest.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tickerplant.testing.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A reader reuses one parser for frame after frame: a bad frame must be reported as if it had been parsed alone, and
 * must not leave anything behind that changes how the next frame decodes, nor which parser decodes it. Good frames
 * are read once, by the reused parser; only bad ones are read a second time.
 */
class FrameReaderTest {

    private static final byte[] AT_TICKER = FrameText.compact(Fixtures.text("advanced-trade/09-ticker-capture.json"));
    private static final byte[] AT_OTHER_TICKER =
            FrameText.compact(Fixtures.text("advanced-trade/10-ticker-capture.json"));
    private static final byte[] EX_TICKER = FrameText.compact(Fixtures.text("exchange/37-ticker-capture.json"));

    private final FrameReader advancedTrade = new FrameReader(AdvancedTradeAdapter::decodeFrame);
    private final FrameReader exchange = new FrameReader(ExchangeFeedAdapter::decodeFrame);
    private final DecodedFrame frame = new DecodedFrame();

    @Test
    void aValidFrameDecodesAfterAMalformedOne() throws Exception {
        decode(advancedTrade, AT_TICKER);
        reject(advancedTrade, "{\"channel\":\"ticker\",x}");

        decode(advancedTrade, AT_OTHER_TICKER);

        assertAdvancedTradeTicker(91, "79914.6");
        assertEquals(1, advancedTrade.framesReadTwice(), "only the malformed frame");

        decode(exchange, EX_TICKER);
        reject(exchange, "{\"type\":\"ticker\",\"price\":[}");

        decode(exchange, EX_TICKER);

        assertEquals(FrameType.TICKER, frame.type());
        assertEquals("BTC-USD", frame.ticker(0).productId.toString());
        assertEquals("84737.58", frame.ticker(0).field(TickField.PRICE).toString());
        assertEquals(1, exchange.framesReadTwice(), "only the malformed frame");
    }

    @Test
    void aValidFrameDecodesAfterATruncatedOne() throws Exception {
        decode(advancedTrade, AT_TICKER);
        reject(advancedTrade, new String(AT_OTHER_TICKER, 0, 120, US_ASCII));

        decode(advancedTrade, AT_OTHER_TICKER);

        assertAdvancedTradeTicker(91, "79914.6");
        assertEquals(1, advancedTrade.framesReadTwice(), "only the truncated frame");

        reject(exchange, new String(EX_TICKER, 0, EX_TICKER.length - 1, US_ASCII));

        decode(exchange, EX_TICKER);

        assertEquals("BTC-USD", frame.ticker(0).productId.toString());
        assertEquals("0.00000025", frame.ticker(0).field(TickField.LAST_SIZE).toString());
        assertEquals(1, exchange.framesReadTwice(), "only the truncated frame");
    }

    @Test
    void everyTruncationIsReportedAsIfParsedAloneAndTheWholeFrameStillDecodesAfterIt() throws Exception {
        for (int cut = 0; cut < AT_TICKER.length; cut++) {
            byte[] prefix = Arrays.copyOf(AT_TICKER, cut);

            String message = rejection(advancedTrade, prefix);

            assertEquals(rejectionAlone(prefix), message, "the first " + cut + " bytes");
            decode(advancedTrade, AT_OTHER_TICKER);
            assertAdvancedTradeTicker(91, "79914.6");
        }
        assertEquals(AT_TICKER.length, advancedTrade.framesReadTwice(), "the truncated frames, none of the whole ones");
    }

    @Test
    void byteOffsetsCountFromTheFrameStartOnAParserThatReadManyFrames() throws Exception {
        for (int i = 0; i < 5; i++) {
            decode(advancedTrade, AT_TICKER);
        }

        assertEquals("not JSON: Unexpected character ('x' (code 120)): was expecting double-quote to start field "
                + "name at byte 20", reject(advancedTrade, "{\"channel\":\"ticker\",x}"));
        decode(advancedTrade, AT_TICKER);
        assertEquals("frame: expected the end after the top-level object, got OBJECT at byte 33",
                reject(advancedTrade, "{\"channel\":\"x\",\"sequence_num\":1} {}"));
    }

    @Test
    void trailingWhitespaceIsConsumedWithTheFrame() throws Exception {
        byte[] padded = FrameText.utf8(new String(AT_TICKER, US_ASCII) + " \r\n\t");

        decode(advancedTrade, padded);
        decode(advancedTrade, AT_OTHER_TICKER);

        assertAdvancedTradeTicker(91, "79914.6");
        assertEquals(0, advancedTrade.framesReadTwice());
    }

    @Test
    void theStartOfASecondValueAfterTheObjectIsRejectedEvenWhenCutShort() throws Exception {
        String ticker = new String(AT_TICKER, US_ASCII);
        String[] tails = {" t", " 1", " \"abc}", "[", " {\"a\":"};
        for (String tail : tails) {
            byte[] bytes = FrameText.utf8(ticker + tail);

            String message = rejection(advancedTrade, bytes);

            assertEquals(rejectionAlone(bytes), message, "trailing " + tail);
            decode(advancedTrade, AT_OTHER_TICKER);
            assertAdvancedTradeTicker(91, "79914.6");
        }
        assertEquals(tails.length, advancedTrade.framesReadTwice());
    }

    @Test
    void aFrameInsideALargerBufferIsReadToItsOwnEndOnly() throws Exception {
        byte[] buf = new byte[AT_TICKER.length + 20];
        Arrays.fill(buf, (byte) '{');
        System.arraycopy(AT_TICKER, 0, buf, 10, AT_TICKER.length);

        advancedTrade.decode(buf, 10, AT_TICKER.length, frame);
        decode(advancedTrade, AT_OTHER_TICKER);

        assertAdvancedTradeTicker(91, "79914.6");
        assertEquals(0, advancedTrade.framesReadTwice());
    }

    private void assertAdvancedTradeTicker(long sequenceNum, String price) {
        assertEquals(FrameType.TICKER, frame.type());
        assertEquals(sequenceNum, frame.sequenceNum());
        assertEquals(1, frame.tickerCount());
        assertEquals("BTC-PERP-INTX", frame.ticker(0).productId.toString());
        assertEquals(price, frame.ticker(0).field(TickField.PRICE).toString());
    }

    private void decode(FrameReader reader, byte[] bytes) throws FrameFormatException {
        reader.decode(bytes, 0, bytes.length, frame);
    }

    private String reject(FrameReader reader, String json) {
        return rejection(reader, FrameText.utf8(json));
    }

    private String rejection(FrameReader reader, byte[] bytes) {
        return assertThrows(FrameFormatException.class, () -> reader.decode(bytes, 0, bytes.length, frame))
                .getMessage();
    }

    /** What a parser made for this frame alone says about it. */
    private static String rejectionAlone(byte[] bytes) {
        return assertThrows(FrameFormatException.class, () -> JsonFrames.decode(bytes, 0, bytes.length,
                new DecodedFrame(), AdvancedTradeAdapter::decodeFrame)).getMessage();
    }
}
