package dev.tickerplant.ingest.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedFrameTest {

    private static final String TICKER_PREFIX = "{\"channel\":\"ticker\",\"sequence_num\":1,\"events\":[{\"type\":"
            + "\"update\",\"tickers\":[";
    private static final String TICKER_SUFFIX = "]}]}";

    private final AdvancedTradeAdapter advancedTrade = new AdvancedTradeAdapter();
    private final ExchangeFeedAdapter exchange = new ExchangeFeedAdapter();
    private final DecodedFrame frame = new DecodedFrame();

    @Test
    void everyTruncationOfAnAdvancedTradeTickerIsRejected() {
        byte[] whole = FrameText.compact(Fixtures.text("advanced-trade/09-ticker-capture.json"));
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] prefix = Arrays.copyOf(whole, cut);
            assertThrows(FrameFormatException.class, () -> advancedTrade.decode(prefix, 0, prefix.length, frame),
                    "accepted the first " + cut + " bytes");
        }
    }

    @Test
    void everyTruncationOfAnExchangeTickerIsRejected() {
        byte[] whole = FrameText.compact(Fixtures.text("exchange/37-ticker-capture.json"));
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] prefix = Arrays.copyOf(whole, cut);
            assertThrows(FrameFormatException.class, () -> exchange.decode(prefix, 0, prefix.length, frame),
                    "accepted the first " + cut + " bytes");
        }
    }

    @Test
    void truncationNamesTheEndOfInputAndItsByteOffset() {
        String json = TICKER_PREFIX + "{\"product_id\":\"BTC-USD\",\"price\":\"7987";

        String message = advancedTradeError(json);

        assertTrue(message.startsWith("not JSON: Unexpected end-of-input"), message);
        assertTrue(message.endsWith(" at byte " + json.length()), message);
    }

    @Test
    void emptyFrameIsNotAnObject() {
        assertEquals("frame: expected a JSON object, got end of input", advancedTradeError(""));
        assertEquals("frame: expected a JSON object, got end of input", exchangeError("  "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{\"channel\":\"ticker\"}] | ARRAY",
        "\"ticker\"                | STRING",
        "42                        | NUMBER",
        "null                      | NULL",
        "true                      | BOOLEAN"
    })
    void topLevelValueThatIsNotAnObject(String json, String got) {
        assertEquals("frame: expected a JSON object, got " + got, advancedTradeError(json));
        assertEquals("frame: expected a JSON object, got " + got, exchangeError(json));
    }

    @Test
    void contentAfterTheObjectIsRejectedWithItsOffset() {
        assertEquals("frame: expected the end after the top-level object, got OBJECT at byte 33",
                advancedTradeError("{\"channel\":\"x\",\"sequence_num\":1} {}"));
        assertEquals("frame: expected the end after the top-level object, got STRING at byte 16",
                exchangeError("{\"type\":\"match\"}\"x\""));
    }

    @Test
    void textThatIsNotJsonNamesTheCharacterAndItsOffset() {
        assertEquals("not JSON: Unexpected character ('x' (code 120)): was expecting double-quote to start field "
                + "name at byte 20", advancedTradeError("{\"channel\":\"ticker\",x}"));
    }

    @Test
    void byteOffsetsCountFromTheStartOfTheFrameNotOfTheBuffer() {
        byte[] json = FrameText.utf8("{\"channel\":\"ticker\",x}");
        byte[] buf = new byte[json.length + 100];
        System.arraycopy(json, 0, buf, 100, json.length);

        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> advancedTrade.decode(buf, 100, json.length, frame));

        assertTrue(e.getMessage().endsWith(" at byte 20"), e.getMessage());
    }

    @Test
    void invalidUtf8IsNotJson() {
        byte[] json = FrameText.utf8(TICKER_PREFIX + "{\"product_id\":\"BTC-USD\",\"price\":\"7.1\"}" + TICKER_SUFFIX);
        int at = indexOf(json, (byte) '7');
        json[at] = (byte) 0xFF;

        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> advancedTrade.decode(json, 0, json.length, frame));

        assertTrue(e.getMessage().startsWith("not JSON: Invalid UTF-8 start byte 0xff"), e.getMessage());
    }

    @Test
    void numberWhereAStringIsExpectedNamesTheFullPath() {
        String json = TICKER_PREFIX + "{\"product_id\":\"BTC-USD\",\"price\":\"1\"},"
                + "{\"product_id\":\"ETH-USD\",\"price\":2668.35}" + TICKER_SUFFIX;

        assertEquals("events[0].tickers[1].price: expected a string, got NUMBER (with fraction)",
                advancedTradeError(json));
        assertEquals("best_bid_size: expected a string, got NUMBER",
                exchangeError("{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"best_bid_size\":5}"));
    }

    @Test
    void oversizeValueIsRejected() {
        String longPrice = "1." + "0".repeat(AsciiField.CAPACITY - 1);

        assertEquals("events[0].tickers[0].price: expected at most 64 characters, got 65",
                advancedTradeError(TICKER_PREFIX + "{\"product_id\":\"BTC-USD\",\"price\":\"" + longPrice + "\"}"
                        + TICKER_SUFFIX));
        assertEquals("product_id: expected at most 64 characters, got 65",
                exchangeError("{\"type\":\"heartbeat\",\"product_id\":\"" + "X".repeat(65) + "\"}"));
    }

    @Test
    void nonAsciiInADecimalIsRejected() {
        assertEquals("events[0].tickers[0].best_bid: expected printable ASCII without quote or backslash, got "
                        + "U+00E9 at index 4",
                advancedTradeError(TICKER_PREFIX + "{\"product_id\":\"BTC-USD\",\"best_bid\":\"7987\u00e9\"}"
                        + TICKER_SUFFIX));
        assertEquals("last_size: expected printable ASCII without quote or backslash, got U+0022 at index 1",
                exchangeError("{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"last_size\":\"1\\\"5\"}"));
    }

    @Test
    void deepNestingIsRejectedByBothAdapters() {
        String deep = "[".repeat(200) + "]".repeat(200);

        String at = advancedTradeError("{\"channel\":\"l2_data\",\"extra\":" + deep + "}");
        String ex = exchangeError("{\"type\":\"status\",\"products\":" + deep + "}");

        for (String message : new String[] {at, ex}) {
            assertTrue(message.startsWith("frame exceeds parser limits: Document nesting depth (33) exceeds the "
                    + "maximum allowed (32"), message);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"channel\":\"ticker\",\"events\":{}}"
                + "| events: expected an array, got OBJECT",
        "{\"channel\":\"ticker\",\"events\":[{},\"x\"]}"
                + "| events[1]: expected an object, got STRING",
        "{\"channel\":\"ticker\",\"events\":[{\"tickers\":\"BTC-USD\"}]}"
                + "| events[0].tickers: expected an array, got STRING",
        "{\"channel\":\"ticker\",\"events\":[{\"tickers\":[[]]}]}"
                + "| events[0].tickers[0]: expected an object, got ARRAY",
        "{\"channel\":\"ticker\",\"events\":[{\"type\":1,\"tickers\":[]}]}"
                + "| events[0].type: expected a string, got NUMBER",
        "{\"channel\":\"ticker\",\"sequence_num\":\"7\"}"
                + "| sequence_num: expected an integer, got STRING",
        "{\"channel\":\"ticker\",\"sequence_num\":7.5}"
                + "| sequence_num: expected an integer, got NUMBER (with fraction)",
        "{\"channel\":\"ticker\",\"sequence_num\":123456789012345678901234567890}"
                + "| sequence_num: expected an integer within 64 bits, got 123456789012345678901234567890",
        "{\"channel\":\"ticker\",\"timestamp\":1675974637}"
                + "| timestamp: expected an RFC 3339 timestamp string, got NUMBER",
        "{\"channel\":\"ticker\",\"timestamp\":\"2023-02-30T20:30:37Z\"}"
                + "| timestamp: expected an RFC 3339 timestamp such as 2023-02-09T20:19:35.39625135Z, got "
                + "\"2023-02-30T20:30:37Z\"",
        "{\"channel\":7}"
                + "| channel: expected a string, got NUMBER",
        "{\"client_id\":\"\",\"sequence_num\":1}"
                + "| frame: expected a \"channel\" or \"type\" string, found neither",
        "{\"events\":[{\"tickers\":[]}],\"sequence_num\":1}"
                + "| frame: expected a \"channel\" or \"type\" string, found neither",
        "{\"channel\":\"heartbeats\",\"events\":[{\"heartbeat_counter\":\"3o49\"}]}"
                + "| events[0].heartbeat_counter: expected a string of at most 18 digits, got \"3o49\"",
        "{\"channel\":\"heartbeats\",\"events\":[{\"heartbeat_counter\":true}]}"
                + "| events[0].heartbeat_counter: expected an integer, got BOOLEAN",
        "{\"channel\":\"heartbeats\",\"events\":[{\"heartbeat_counter\":-5}]}"
                + "| events[0].heartbeat_counter: expected a non-negative integer, got -5",
        "{\"channel\":\"subscriptions\",\"events\":[{\"subscriptions\":[]}]}"
                + "| events[0].subscriptions: expected an object, got ARRAY",
        "{\"channel\":\"subscriptions\",\"events\":[{\"subscriptions\":{\"ticker\":[\"BTC-USD\",7]}}]}"
                + "| events[0].subscriptions.ticker[1]: expected a string, got NUMBER",
        "{\"channel\":\"subscriptions\",\"events\":[{\"subscriptions\":{\"ticker\":\"BTC-USD\"}}]}"
                + "| events[0].subscriptions.ticker: expected an array of strings, got STRING",
        "{\"type\":\"error\",\"message\":404}"
                + "| message: expected a string, got NUMBER"
    })
    void advancedTradeStructureErrorsNameThePath(String json, String expected) {
        assertEquals(expected, advancedTradeError(json));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}"
                + "| frame: expected a \"type\" string, found none",
        "{\"product_id\":\"BTC-USD\",\"price\":\"1\"}"
                + "| frame: expected a \"type\" string, found none",
        "{\"type\":[\"ticker\"]}"
                + "| type: expected a string, got ARRAY",
        "{\"type\":\"ticker\",\"sequence\":\"37475248783\"}"
                + "| sequence: expected an integer, got STRING",
        "{\"type\":\"ticker\",\"trade_id\":1.0}"
                + "| trade_id: expected an integer, got NUMBER (with fraction)",
        "{\"type\":\"ticker\",\"time\":\"yesterday\"}"
                + "| time: expected an RFC 3339 timestamp such as 2023-02-09T20:19:35.39625135Z, got \"yesterday\"",
        "{\"type\":\"heartbeat\",\"last_trade_id\":\"20\"}"
                + "| last_trade_id: expected an integer, got STRING",
        "{\"type\":\"subscriptions\",\"channels\":{}}"
                + "| channels: expected an array, got OBJECT",
        "{\"type\":\"subscriptions\",\"channels\":[{\"product_ids\":[\"BTC-USD\"]}]}"
                + "| channels[0]: expected a \"name\" string, found none",
        "{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"ticker\"},{\"name\":\"x\",\"product_ids\":[1]}]}"
                + "| channels[1].product_ids[0]: expected a string, got NUMBER",
        "{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":false}"
                + "| reason: expected a string, got BOOLEAN"
    })
    void exchangeStructureErrorsNameThePath(String json, String expected) {
        assertEquals(expected, exchangeError(json));
    }

    @Test
    void frameCanBeReusedAfterAnError() throws Exception {
        advancedTradeError(TICKER_PREFIX + "{\"product_id\":\"BTC-USD\",\"price\":1}" + TICKER_SUFFIX);

        byte[] good = Fixtures.bytes("advanced-trade/10-ticker-capture.json");
        advancedTrade.decode(good, 0, good.length, frame);

        assertEquals(FrameType.TICKER, frame.type());
        assertEquals(1, frame.tickerCount());
        assertEquals(91, frame.sequenceNum());
    }

    private String advancedTradeError(String json) {
        byte[] bytes = FrameText.utf8(json);
        return assertThrows(FrameFormatException.class, () -> advancedTrade.decode(bytes, 0, bytes.length, frame))
                .getMessage();
    }

    private String exchangeError(String json) {
        byte[] bytes = FrameText.utf8(json);
        return assertThrows(FrameFormatException.class, () -> exchange.decode(bytes, 0, bytes.length, frame))
                .getMessage();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no byte " + b);
    }
}
