package dev.tickerplant.ingest.codec;

import static dev.tickerplant.ingest.codec.AdvancedTradeAdapterTest.nanos;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExchangeFeedAdapterTest {

    private final ExchangeFeedAdapter adapter = new ExchangeFeedAdapter();
    private final DecodedFrame frame = new DecodedFrame();

    @ParameterizedTest
    @ValueSource(strings = {
        "exchange/36-ticker-doc.json",
        "exchange/37-ticker-capture.json",
        "exchange/38-ticker-capture.json",
        "exchange/40-ticker-reconstructed.json"
    })
    void everyTickerFieldKeepsTheExactBytesOfTheFixture(String fixture) throws Exception {
        decodeFixture(fixture);
        Map<String, String> wire = FrameText.stringMembers(fixture);
        String text = Fixtures.text(fixture);

        assertEquals(FrameType.TICKER, frame.type());
        assertEquals("ticker", frame.channel());
        assertEquals(1, frame.tickerCount());
        TickerSlot ticker = frame.ticker(0);
        assertEquals(wire.get("product_id"), ticker.productId.toString());
        for (TickField field : TickField.values()) {
            AsciiField value = ticker.field(field);
            String expected = field.exchangeName() == null ? null : wire.get(field.exchangeName());
            if (expected == null) {
                assertFalse(value.isPresent(), field + " should be absent but is " + value);
            } else {
                assertEquals(expected, value.toString(), field.toString());
                byte[] copy = new byte[AsciiField.CAPACITY];
                int n = value.copyTo(copy, 0);
                String reemitted = new String(copy, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
                assertTrue(text.contains("\"" + field.exchangeName() + "\": \"" + reemitted + "\""), field.toString());
            }
        }
        assertEquals(nanos(wire.get("time")), ticker.exchangeTimeNanos);
        assertEquals(nanos(wire.get("time")), frame.timestampNanos());
        assertFalse(ticker.snapshot);
        assertEquals(-1, frame.sequenceNum());
    }

    @ParameterizedTest
    @CsvSource({
        "exchange/36-ticker-doc.json,           37475248783,  370843401",
        "exchange/37-ticker-capture.json,       137212619516, 1102042811",
        "exchange/38-ticker-capture.json,       333939588,    881614",
        "exchange/40-ticker-reconstructed.json, 137212700001, 1102042900"
    })
    void tickerSequenceAndTradeIdAreLongs(String fixture, long sequence, long tradeId) throws Exception {
        decodeFixture(fixture);

        assertEquals(sequence, frame.ticker(0).exchangeSequence);
        assertEquals(tradeId, frame.ticker(0).tradeId);
    }

    @Test
    void currentTickerHasTheSizeFields() throws Exception {
        decodeFixture("exchange/37-ticker-capture.json");

        TickerSlot t = frame.ticker(0);
        assertAll(
                () -> assertTrue(t.productId.contentEquals("BTC-USD")),
                () -> assertTrue(t.field(TickField.PRICE).contentEquals("84737.58")),
                () -> assertTrue(t.field(TickField.LOW_24H).contentEquals("84400")),
                () -> assertTrue(t.field(TickField.VOLUME_24H).contentEquals("1836.96781750")),
                () -> assertTrue(t.field(TickField.BEST_BID_QUANTITY).contentEquals("0.19921154")),
                () -> assertTrue(t.field(TickField.BEST_ASK_QUANTITY).contentEquals("0.05223077")),
                () -> assertTrue(t.field(TickField.SIDE).contentEquals("sell")),
                () -> assertTrue(t.field(TickField.LAST_SIZE).contentEquals("0.00000025")),
                () -> assertTrue(t.field(TickField.TIME).contentEquals("2026-10-03T20:58:31.127510Z")),
                () -> assertEquals(nanos("2026-10-03T20:58:31.127510Z"), t.exchangeTimeNanos));
    }

    @Test
    void tickerFrom2021HasNoSizeFields() throws Exception {
        decodeFixture("exchange/38-ticker-capture.json");

        TickerSlot t = frame.ticker(0);
        assertTrue(t.field(TickField.BEST_BID).contentEquals("14.7646"));
        assertTrue(t.field(TickField.BEST_ASK).contentEquals("14.7906"));
        assertFalse(t.field(TickField.BEST_BID_QUANTITY).isPresent());
        assertFalse(t.field(TickField.BEST_ASK_QUANTITY).isPresent());
        assertTrue(t.field(TickField.LAST_SIZE).contentEquals("5"));
    }

    @ParameterizedTest
    @CsvSource({
        "exchange/34-heartbeat-doc.json,     BTC-USD, 90,          20,        2014-11-07T08:19:28.464459Z",
        "exchange/35-heartbeat-capture.json, ETH-USD, 32589047800, 319738525, 2022-07-19T12:09:26.296459Z"
    })
    void heartbeatCarriesTheProductsLatestSequenceAndTradeId(String fixture, String productId, long sequence,
            long lastTradeId, String time) throws Exception {
        decodeFixture(fixture);

        assertEquals(FrameType.HEARTBEAT, frame.type());
        assertEquals("heartbeat", frame.channel());
        assertTrue(frame.heartbeatProductId().contentEquals(productId));
        assertEquals(sequence, frame.heartbeatSequence());
        assertEquals(lastTradeId, frame.heartbeatLastTradeId());
        assertEquals(nanos(time), frame.timestampNanos());
        assertEquals(-1, frame.heartbeatCounter());
        assertEquals(0, frame.tickerCount());
    }

    @Test
    void subscriptionsAckFromTheDocs() throws Exception {
        decodeFixture("exchange/31-subscriptions-doc.json");

        assertEquals(FrameType.SUBSCRIPTIONS, frame.type());
        assertEquals(Map.of(
                "level2", List.of("ETH-USD", "ETH-EUR"),
                "heartbeat", List.of("ETH-USD", "ETH-EUR"),
                "ticker", List.of("ETH-USD", "ETH-EUR", "ETH-BTC")), frame.subscriptions());
        assertEquals(List.of("level2", "heartbeat", "ticker"), List.copyOf(frame.subscriptions().keySet()));
    }

    @Test
    void subscriptionsAckKeepsProductOrderAsSent() throws Exception {
        decodeFixture("exchange/32-subscriptions-capture.json");

        assertEquals(List.of("YFI-BTC", "NU-GBP", "CRV-EUR", "SKL-USD", "BAND-GBP", "NMR-EUR", "BAND-BTC",
                "DASH-BTC", "SKL-GBP", "SKL-BTC"), frame.subscriptions().get("ticker"));
        assertEquals(10, frame.subscriptions().get("level2").size());
    }

    @Test
    void subscriptionsAckWithNullAccountIdsNamesTickerBatchTicker1000() throws Exception {
        decodeFixture("exchange/33-subscriptions-capture.json");

        assertEquals(Map.of("ticker_1000", List.of("BTC-USD")), frame.subscriptions());
    }

    @Test
    void failedSubscribeCarriesMessageAndReason() throws Exception {
        decode("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\" is not a valid product\"}");

        assertEquals(FrameType.ERROR, frame.type());
        assertEquals("Failed to subscribe", frame.errorMessage());
        assertEquals(" is not a valid product", frame.errorReason());

        decode("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"LOOM-USDC is delisted\"}");
        assertEquals("LOOM-USDC is delisted", frame.errorReason());
    }

    @ParameterizedTest
    @CsvSource({
        "exchange/41-match-doc.json,       match",
        "exchange/43-status-doc.json,      status",
        "exchange/45-l2update-capture.json, l2update",
        "exchange/46-snapshot-doc.json,    snapshot"
    })
    void otherMessageTypesAreIgnored(String fixture, String type) throws Exception {
        decodeFixture(fixture);

        assertEquals(FrameType.IGNORED, frame.type());
        assertEquals(type, frame.channel());
        assertEquals(0, frame.tickerCount());
    }

    @Test
    void lastMatchThenMatchAndStatusFramesAreIgnored() throws Exception {
        List<byte[]> matches = Fixtures.frames("exchange/42-last_match-capture.json");
        assertEquals(2, matches.size());
        decode(matches.get(0));
        assertEquals(FrameType.IGNORED, frame.type());
        assertEquals("last_match", frame.channel());
        decode(matches.get(1));
        assertEquals("match", frame.channel());

        List<byte[]> statusFrames = Fixtures.frames("exchange/44-subscribe-reconstructed.json");
        decode(statusFrames.get(1));
        assertEquals(FrameType.IGNORED, frame.type());
        assertEquals("status", frame.channel());
    }

    @Test
    void typeAfterTheOtherFieldsStillDispatches() throws Exception {
        decode("""
                {"sequence":137212619516,"product_id":"BTC-USD","price":"84737.58","best_bid_size":"0.19921154",
                 "time":"2026-10-03T20:58:31.127510Z","trade_id":1102042811,"type":"ticker"}
                """);

        assertEquals(FrameType.TICKER, frame.type());
        TickerSlot t = frame.ticker(0);
        assertEquals(137212619516L, t.exchangeSequence);
        assertTrue(t.field(TickField.BEST_BID_QUANTITY).contentEquals("0.19921154"));

        decode("{\"price\":5,\"size\":{\"x\":1},\"type\":\"match\"}");
        assertEquals(FrameType.IGNORED, frame.type());
        assertEquals("match", frame.channel());
    }

    @Test
    void unknownFieldsAreSkippedAndMissingOnesStayAbsent() throws Exception {
        decode("""
                {"type":"ticker","product_id":"ETH-USD","price":"1285.22","extra":{"a":[1,2,{"b":"c"}]},
                 "more":[["x"]],"flag":true,"ratio":0.5}
                """);

        TickerSlot t = frame.ticker(0);
        assertTrue(t.field(TickField.PRICE).contentEquals("1285.22"));
        assertEquals(-1, t.exchangeSequence);
        assertEquals(-1, t.tradeId);
        assertEquals(Long.MIN_VALUE, t.exchangeTimeNanos);
        assertFalse(t.field(TickField.SIDE).isPresent());
    }

    @Test
    void tickerWithEmptyProductIdIsSkipped() throws Exception {
        decode("{\"type\":\"ticker\",\"product_id\":\"\",\"price\":\"\",\"sequence\":5}");

        assertEquals(FrameType.TICKER, frame.type());
        assertEquals(0, frame.tickerCount());
        assertEquals(1, frame.skippedTickers());
    }

    @Test
    void subscriptionsAckMayListChannelsByNameAlone() throws Exception {
        decode("{\"type\":\"subscriptions\",\"channels\":[\"status\",{\"name\":\"ticker\",\"product_ids\":null}]}");

        assertEquals(Map.of("status", List.of(), "ticker", List.of()), frame.subscriptions());
    }

    private void decodeFixture(String fixture) throws FrameFormatException {
        decode(Fixtures.bytes(fixture));
    }

    private void decode(String json) throws FrameFormatException {
        decode(FrameText.utf8(json));
    }

    private void decode(byte[] bytes) throws FrameFormatException {
        adapter.decode(bytes, 0, bytes.length, frame);
    }
}
