package dev.tickerplant.fanout.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.testing.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TickerJsonTest {
    private static final long RECEIVED =
            Instant.parse("2026-10-03T20:58:31Z").getEpochSecond() * 1_000_000_000L + 129_034_567L;

    @Test
    void advancedTradeTickerKeepsEveryFieldWithItsWireNameAndExactBytes() {
        TickerSlot tick = Fixtures.ticker("10-ticker-capture.json", true);

        String json = encode(tick, 42);
        Map<String, Object> out = Json.object(json);

        Map<String, Object> original = firstAdvancedTradeTicker("10-ticker-capture.json");
        for (Map.Entry<String, Object> field : original.entrySet()) {
            if (!field.getKey().equals("type")) {
                assertEquals(field.getValue(), out.get(field.getKey()), field.getKey());
                assertTrue(json.contains("\"" + field.getKey() + "\":\"" + field.getValue() + "\""), field.getKey());
            }
        }
        assertEquals("ticker", out.get("type"));
        assertEquals(42L, out.get("seq"));
        assertEquals("2026-09-05T21:52:10.940239Z", out.get("exchange_time"));
        assertEquals("2026-10-03T20:58:31.129034Z", out.get("receive_time"));
        assertEquals(original.size() - 1 + 4, out.size(), json); // + type, seq, exchange_time, receive_time
        assertTrue(json.startsWith("{\"type\":\"ticker\",\"seq\":42,\"product_id\":\"BTC-PERP-INTX\","), json);
    }

    @Test
    void exchangeTickerUsesExchangeNamesAndKeepsSequenceTradeIdAndTime() {
        TickerSlot tick = Fixtures.ticker("37-ticker-capture.json", false);

        Map<String, Object> out = Json.object(encode(tick, 7));

        Map<String, Object> original = Json.object(Fixtures.text("37-ticker-capture.json"));
        for (Map.Entry<String, Object> field : original.entrySet()) {
            if (!field.getKey().equals("type")) {
                assertEquals(field.getValue(), out.get(field.getKey()), field.getKey());
            }
        }
        assertEquals("0.00000025", out.get("last_size"));
        assertEquals("1836.96781750", out.get("volume_24h"), "trailing zeros are kept: exact bytes");
        assertEquals("2026-10-03T20:58:31.127510Z", out.get("exchange_time"));
        assertFalse(out.containsKey("volume_24_h"));
        assertFalse(out.containsKey("best_bid_quantity"));
    }

    @Test
    void absentFieldsAreLeftOut() {
        TickerSlot oldAt = Fixtures.ticker("11-ticker-capture.json", true);
        Map<String, Object> at = Json.object(encode(oldAt, 1));
        assertFalse(at.containsKey("best_bid"));
        assertFalse(at.containsKey("sequence"));
        assertEquals("0.08211", at.get("price"));

        TickerSlot oldEx = Fixtures.ticker("38-ticker-capture.json", false);
        Map<String, Object> ex = Json.object(encode(oldEx, 2));
        assertFalse(ex.containsKey("best_bid_size"));
        assertEquals("94250.54000000", ex.get("volume_24h"));
        assertEquals(881614L, ex.get("trade_id"));
    }

    @Test
    void missingExchangeTimeIsNull() {
        TickerSlot tick = new TickerSlot();
        tick.productId.set("BTC-USD");
        JsonBytes out = new JsonBytes(64);
        TickerJson.write(out, tick, 3, 0);
        assertEquals("{\"type\":\"ticker\",\"seq\":3,\"product_id\":\"BTC-USD\",\"exchange_time\":null,"
                + "\"receive_time\":\"1970-01-01T00:00:00.000000Z\"}", out.toString());
    }

    private static String encode(TickerSlot tick, long seq) {
        JsonBytes out = new JsonBytes(16);
        TickerJson.write(out, tick, seq, RECEIVED);
        return out.toString();
    }

    private static Map<String, Object> firstAdvancedTradeTicker(String name) {
        Map<String, Object> frame = Json.object(Fixtures.text(name));
        List<Object> events = Json.list(frame.get("events"));
        List<Object> tickers = Json.list(Json.map(events.get(0)).get("tickers"));
        return Json.map(tickers.get(0));
    }
}
