package dev.tickerplant.ingest.codec;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.Fixtures;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdvancedTradeAdapterTest {

    private final AdvancedTradeAdapter adapter = new AdvancedTradeAdapter();
    private final DecodedFrame frame = new DecodedFrame();

    @ParameterizedTest
    @ValueSource(strings = {
        "advanced-trade/08-ticker-doc.json",
        "advanced-trade/09-ticker-capture.json",
        "advanced-trade/10-ticker-capture.json",
        "advanced-trade/11-ticker-capture.json",
        "advanced-trade/12-ticker_batch-capture.json",
        "advanced-trade/14-ticker_batch-capture.json"
    })
    void everyTickerFieldKeepsTheExactBytesOfTheFixture(String fixture) throws Exception {
        adapter.decode(Fixtures.bytes(fixture), 0, Fixtures.bytes(fixture).length, frame);
        Map<String, String> wire = FrameText.stringMembers(fixture);
        String text = Fixtures.text(fixture);

        assertEquals(1, frame.tickerCount());
        TickerSlot ticker = frame.ticker(0);
        assertEquals(wire.get("product_id"), ticker.productId.toString());
        for (TickField field : TickField.values()) {
            AsciiField value = ticker.field(field);
            String expected = field.advancedTradeName() == null ? null : wire.get(field.advancedTradeName());
            if (expected == null) {
                assertFalse(value.isPresent(), field + " should be absent but is " + value);
            } else {
                assertEquals(expected, value.toString(), field.toString());
                // Re-emitted bytes sit verbatim in the fixture text.
                assertTrue(text.contains("\"" + field.advancedTradeName() + "\": \"" + reemit(value) + "\""),
                        field + " re-emitted as " + reemit(value));
            }
        }
        assertEquals(nanos(wire.get("timestamp")), frame.timestampNanos());
        assertEquals(nanos(wire.get("timestamp")), ticker.exchangeTimeNanos);
        assertEquals(-1, ticker.exchangeSequence);
        assertEquals(-1, ticker.tradeId);
        assertEquals(0, frame.skippedTickers());
    }

    @ParameterizedTest
    @CsvSource({
        "advanced-trade/08-ticker-doc.json,          TICKER,       ticker,       0,  true",
        "advanced-trade/09-ticker-capture.json,      TICKER,       ticker,       0,  true",
        "advanced-trade/10-ticker-capture.json,      TICKER,       ticker,       91, false",
        "advanced-trade/11-ticker-capture.json,      TICKER,       ticker,       0,  true",
        "advanced-trade/12-ticker_batch-capture.json, TICKER_BATCH, ticker_batch, 0,  true",
        "advanced-trade/14-ticker_batch-capture.json, TICKER_BATCH, ticker_batch, 2,  false"
    })
    void tickerFramesReportTypeSequenceAndSnapshotFlag(String fixture, FrameType type, String channel,
            long sequenceNum, boolean snapshot) throws Exception {
        decodeFixture(fixture);

        assertEquals(type, frame.type());
        assertEquals(channel, frame.channel());
        assertEquals(sequenceNum, frame.sequenceNum());
        assertEquals(snapshot, frame.ticker(0).snapshot);
    }

    @Test
    void docTickerDecodesToItsLiteralValues() throws Exception {
        decodeFixture("advanced-trade/08-ticker-doc.json");

        TickerSlot t = frame.ticker(0);
        assertAll(
                () -> assertTrue(t.productId.contentEquals("BTC-USD")),
                () -> assertTrue(t.field(TickField.PRICE).contentEquals("21932.98")),
                () -> assertTrue(t.field(TickField.VOLUME_24H).contentEquals("16038.28770938")),
                () -> assertTrue(t.field(TickField.LOW_52W).contentEquals("15460")),
                () -> assertTrue(t.field(TickField.PRICE_PERCENT_CHG_24H).contentEquals("-4.15775596190603")),
                () -> assertTrue(t.field(TickField.BEST_BID_QUANTITY).contentEquals("8000.21")),
                () -> assertTrue(t.field(TickField.BEST_ASK_QUANTITY).contentEquals("8038.07770938")),
                () -> assertEquals(nanos("2023-02-09T20:30:37.167359596Z"), t.exchangeTimeNanos));
    }

    @Test
    void historicalTickerWithoutBidAndAskLeavesThemAbsent() throws Exception {
        decodeFixture("advanced-trade/11-ticker-capture.json");

        TickerSlot t = frame.ticker(0);
        assertTrue(t.field(TickField.PRICE).contentEquals("0.08211"));
        for (TickField f : List.of(TickField.BEST_BID, TickField.BEST_ASK, TickField.BEST_BID_QUANTITY,
                TickField.BEST_ASK_QUANTITY)) {
            assertFalse(t.field(f).isPresent(), f.toString());
        }
    }

    @Test
    void trimmedTickerBatchCarriesOnlyItsTwoFields() throws Exception {
        decodeFixture("advanced-trade/14-ticker_batch-capture.json");

        TickerSlot t = frame.ticker(0);
        assertTrue(t.field(TickField.PRICE).contentEquals("77863.33"));
        assertTrue(t.field(TickField.PRICE_PERCENT_CHG_24H).contentEquals("-0.70998379242057"));
        assertFalse(t.field(TickField.VOLUME_24H).isPresent());
        assertFalse(t.field(TickField.HIGH_52W).isPresent());
    }

    @Test
    void tickerBatchItemWithEmptyProductIdIsSkippedButTheFrameKeepsItsSequence() throws Exception {
        decodeFixture("advanced-trade/13-ticker_batch-capture.json");

        assertEquals(FrameType.TICKER_BATCH, frame.type());
        assertEquals(0, frame.tickerCount());
        assertEquals(1, frame.skippedTickers());
        assertEquals(1, frame.sequenceNum());
        assertEquals(nanos("2024-05-24T18:22:24.546809523Z"), frame.timestampNanos());
    }

    @Test
    void heartbeatWithStringCounterAndClientId() throws Exception {
        decodeFixture("advanced-trade/06-heartbeats-doc.json");

        assertEquals(FrameType.HEARTBEAT, frame.type());
        assertEquals("heartbeats", frame.channel());
        assertEquals(3049, frame.heartbeatCounter());
        assertEquals(0, frame.sequenceNum());
        assertEquals(nanos("2023-06-23T20:31:26.122969572Z"), frame.timestampNanos());
        assertEquals(0, frame.tickerCount());
        assertFalse(frame.heartbeatProductId().isPresent());
    }

    @Test
    void heartbeatWithIntegerCounterAndNoClientId() throws Exception {
        decodeFixture("advanced-trade/07-heartbeats-capture.json");

        assertEquals(FrameType.HEARTBEAT, frame.type());
        assertEquals(139651, frame.heartbeatCounter());
        assertEquals(4, frame.sequenceNum());
        assertEquals(nanos("2026-09-05T22:10:30.260465255Z"), frame.timestampNanos());
    }

    @Test
    void subscriptionsAckAfterTheTickerSubscribe() throws Exception {
        decodeFixture("advanced-trade/25-subscriptions-capture.json");

        assertEquals(FrameType.SUBSCRIPTIONS, frame.type());
        assertEquals(2, frame.sequenceNum());
        assertEquals(Map.of("ticker", List.of("BTC-PERP-INTX", "ETH-PERP-INTX")), frame.subscriptions());
    }

    @Test
    void subscriptionsAckIsCumulativeAndListsHeartbeatsAsItsOwnProduct() throws Exception {
        decodeFixture("advanced-trade/26-subscriptions-capture.json");

        assertEquals(3, frame.sequenceNum());
        assertEquals(Map.of(
                "heartbeats", List.of("heartbeats"),
                "ticker", List.of("BTC-PERP-INTX", "ETH-PERP-INTX")), frame.subscriptions());
        assertEquals(List.of("heartbeats", "ticker"), List.copyOf(frame.subscriptions().keySet()));
    }

    @Test
    void subscriptionsAckAfterUnsubscribingEverythingIsEmpty() throws Exception {
        decodeFixture("advanced-trade/27-subscriptions-reconstructed.json");

        assertEquals(FrameType.SUBSCRIPTIONS, frame.type());
        assertEquals(640, frame.sequenceNum());
        assertEquals(Map.of(), frame.subscriptions());
    }

    @ParameterizedTest
    @CsvSource({
        "advanced-trade/15-market_trades-doc.json,         market_trades, 0",
        "advanced-trade/16-market_trades-capture.json,     market_trades, 5",
        "advanced-trade/17-market_trades-capture.json,     market_trades, 0",
        "advanced-trade/18-l2_data-doc.json,               l2_data,       0",
        "advanced-trade/19-l2_data-capture.json,           l2_data,       0",
        "advanced-trade/20-l2_data-reconstructed.json,     l2_data,       7",
        "advanced-trade/21-candles-doc.json,               candles,       0",
        "advanced-trade/22-candles-reconstructed.json,     candles,       1",
        "advanced-trade/23-status-doc.json,                status,        0",
        "advanced-trade/24-status-reconstructed.json,      status,        12"
    })
    void otherChannelsAreIgnoredButStillReportTheirSequenceNumber(String fixture, String channel, long seq)
            throws Exception {
        decodeFixture(fixture);

        assertEquals(FrameType.IGNORED, frame.type());
        assertEquals(channel, frame.channel());
        // sequence_num counts every frame of a connection, so gap detection needs it from ignored frames too.
        assertEquals(seq, frame.sequenceNum());
        assertEquals(nanos(FrameText.stringMembers(fixture).get("timestamp")), frame.timestampNanos());
        assertEquals(0, frame.tickerCount());
        assertEquals(Map.of(), frame.subscriptions());
    }

    @Test
    void authenticationFailureIsAnErrorFrameWithoutSequence() throws Exception {
        decode("{\"type\":\"error\",\"message\":\"authentication failure\"}");

        assertEquals(FrameType.ERROR, frame.type());
        assertEquals("authentication failure", frame.errorMessage());
        assertNull(frame.errorReason());
        assertEquals(-1, frame.sequenceNum());
        assertEquals(Long.MIN_VALUE, frame.timestampNanos());
    }

    @Test
    void errorFrameWithMessageBeforeType() throws Exception {
        decode("{\"message\":\"too many L2 streams requested in a single session\",\"type\":\"error\"}");

        assertEquals(FrameType.ERROR, frame.type());
        assertEquals("too many L2 streams requested in a single session", frame.errorMessage());
    }

    @Test
    void everyEventAndEveryTickerOfAFrameIsDecodedInOrder() throws Exception {
        decode("""
                {"channel":"ticker","client_id":"","timestamp":"2026-09-05T22:10:29.5Z","sequence_num":17,
                 "events":[
                  {"type":"snapshot","tickers":[
                    {"type":"ticker","product_id":"BTC-USD","price":"79879.1"},
                    {"type":"ticker","product_id":"ETH-USD","price":"2668.35"}]},
                  {"tickers":[
                    {"type":"ticker","product_id":"SOL-USD","price":"120.70"},
                    {"type":"ticker","product_id":"","price":""},
                    {"type":"ticker","product_id":"DOGE-USD","price":"0.08211"}],"type":"update"}]}
                """);

        assertEquals(FrameType.TICKER, frame.type());
        assertEquals(17, frame.sequenceNum());
        assertEquals(4, frame.tickerCount());
        assertEquals(1, frame.skippedTickers());
        String[][] expected = {
            {"BTC-USD", "79879.1", "true"},
            {"ETH-USD", "2668.35", "true"},
            {"SOL-USD", "120.70", "false"},
            {"DOGE-USD", "0.08211", "false"}
        };
        for (int i = 0; i < expected.length; i++) {
            TickerSlot t = frame.ticker(i);
            assertEquals(expected[i][0], t.productId.toString());
            assertEquals(expected[i][1], t.field(TickField.PRICE).toString());
            assertEquals(Boolean.parseBoolean(expected[i][2]), t.snapshot, "snapshot of ticker " + i);
            assertEquals(nanos("2026-09-05T22:10:29.5Z"), t.exchangeTimeNanos);
        }
    }

    @Test
    void envelopeAfterEventsIsAppliedToTheTickers() throws Exception {
        decode("""
                {"channel":"ticker","events":[{"type":"update","tickers":[{"product_id":"BTC-USD","price":"1"}]}],
                 "sequence_num":42,"timestamp":"2026-09-05T21:52:10.940239371Z","client_id":""}
                """);

        assertEquals(42, frame.sequenceNum());
        assertEquals(nanos("2026-09-05T21:52:10.940239371Z"), frame.ticker(0).exchangeTimeNanos);
        assertEquals(nanos("2026-09-05T21:52:10.940239371Z"), frame.timestampNanos());
    }

    @Test
    void channelAfterEventsStillDispatchesTheEvents() throws Exception {
        decode("""
                {"events":[{"subscriptions":{"ticker":["BTC-USD"]}}],"sequence_num":3,"channel":"subscriptions"}
                """);
        assertEquals(FrameType.SUBSCRIPTIONS, frame.type());
        assertEquals(Map.of("ticker", List.of("BTC-USD")), frame.subscriptions());
        assertEquals(3, frame.sequenceNum());

        decode("""
                {"timestamp":"2026-09-05T22:10:29.562008293Z","events":[{"tickers":[{"product_id":"ETH-USD",
                 "best_bid":"2668.35"}],"type":"snapshot"}],"channel":"ticker_batch","sequence_num":9}
                """);
        assertEquals(FrameType.TICKER_BATCH, frame.type());
        assertEquals(1, frame.tickerCount());
        assertTrue(frame.ticker(0).field(TickField.BEST_BID).contentEquals("2668.35"));
        assertTrue(frame.ticker(0).snapshot);

        decode("{\"events\":[{\"type\":\"snapshot\",\"tickers\":[{\"product_id\":\"X-USD\"}]}],\"channel\":\"x\","
                + "\"sequence_num\":10}");
        assertEquals(FrameType.IGNORED, frame.type());
        assertEquals("x", frame.channel());
        assertEquals(0, frame.tickerCount());
        assertEquals(10, frame.sequenceNum());
    }

    @Test
    void unknownFieldsObjectsAndArraysAreSkippedAtEveryLevel() throws Exception {
        decode("""
                {"channel":"ticker","new_envelope_field":{"a":[1,{"b":null}],"c":"d"},"sequence_num":5,
                 "events":[{"type":"update","extra":[[1,2],[3]],"tickers":[
                   {"type":"ticker","product_id":"BTC-USD","unknown":{"price":5},"price":"79914.6",
                    "list":["x",{"y":true}],"flag":false,"n":1.5}],"more":{}}],"trailer":null}
                """);

        assertEquals(1, frame.tickerCount());
        assertTrue(frame.ticker(0).field(TickField.PRICE).contentEquals("79914.6"));
        assertEquals(5, frame.sequenceNum());

        decode("{\"channel\":\"heartbeats\",\"sequence_num\":8,\"events\":[{\"current_time\":\"x\","
                + "\"new\":{\"k\":[1]},\"heartbeat_counter\":\"12\"}]}");
        assertEquals(12, frame.heartbeatCounter());
    }

    @Test
    void nullValuesCountAsAbsent() throws Exception {
        decode("{\"channel\":\"ticker\",\"sequence_num\":null,\"timestamp\":null,\"events\":[{\"type\":\"update\","
                + "\"tickers\":[{\"product_id\":\"BTC-USD\",\"price\":\"1\",\"best_bid\":null}]}]}");

        assertEquals(-1, frame.sequenceNum());
        assertEquals(Long.MIN_VALUE, frame.ticker(0).exchangeTimeNanos);
        assertFalse(frame.ticker(0).field(TickField.BEST_BID).isPresent());
    }

    @Test
    void reusedFrameHoldsNothingFromTheFrameBefore() throws Exception {
        decodeFixture("advanced-trade/08-ticker-doc.json");
        decodeFixture("advanced-trade/14-ticker_batch-capture.json");

        assertEquals(1, frame.tickerCount());
        assertFalse(frame.ticker(0).field(TickField.BEST_BID).isPresent());
        assertFalse(frame.ticker(0).snapshot);

        decodeFixture("advanced-trade/26-subscriptions-capture.json");
        assertEquals(0, frame.tickerCount());
        assertEquals(-1, frame.heartbeatCounter());
    }

    @Test
    void frameWithMoreTickersThanEverBeforeGrowsTheSlotArray() throws Exception {
        StringBuilder json = new StringBuilder("{\"channel\":\"ticker_batch\",\"sequence_num\":1,\"events\":[{"
                + "\"type\":\"update\",\"tickers\":[");
        for (int i = 0; i < 37; i++) {
            json.append(i == 0 ? "" : ",").append("{\"product_id\":\"P").append(i).append("-USD\",\"price\":\"")
                    .append(i).append(".5\"}");
        }
        decode(json.append("]}]}").toString());

        assertEquals(37, frame.tickerCount());
        for (int i = 0; i < 37; i++) {
            assertTrue(frame.ticker(i).productId.contentEquals("P" + i + "-USD"));
            assertTrue(frame.ticker(i).field(TickField.PRICE).contentEquals(i + ".5"));
        }
    }

    @Test
    void decodesAFrameInTheMiddleOfALargerBuffer() throws Exception {
        byte[] json = FrameText.compact(Fixtures.text("advanced-trade/09-ticker-capture.json"));
        byte[] buf = new byte[json.length + 20];
        java.util.Arrays.fill(buf, (byte) '}');
        System.arraycopy(json, 0, buf, 7, json.length);

        adapter.decode(buf, 7, json.length, frame);

        assertTrue(frame.ticker(0).productId.contentEquals("BTC-PERP-INTX"));
        assertTrue(frame.ticker(0).field(TickField.BEST_ASK_QUANTITY).contentEquals("1.7389"));
    }

    private void decodeFixture(String fixture) throws FrameFormatException {
        byte[] bytes = Fixtures.bytes(fixture);
        adapter.decode(bytes, 0, bytes.length, frame);
    }

    private void decode(String json) throws FrameFormatException {
        byte[] bytes = FrameText.utf8(json);
        adapter.decode(bytes, 0, bytes.length, frame);
    }

    private static String reemit(AsciiField value) {
        ByteBuf buf = Unpooled.buffer();
        value.writeTo(buf);
        return buf.toString(StandardCharsets.US_ASCII);
    }

    static long nanos(String rfc3339) {
        Instant i = Instant.parse(rfc3339);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
