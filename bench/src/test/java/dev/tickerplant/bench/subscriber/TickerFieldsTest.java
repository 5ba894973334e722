package dev.tickerplant.bench.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The subscriber reads seq and both times straight from a downstream ticker's bytes. */
class TickerFieldsTest {

    private static final String TICKER = "{\"type\":\"ticker\",\"seq\":4217,\"product_id\":\"BTC-USD\","
            + "\"price\":\"84737.58\",\"sequence\":137212619516,\"trade_id\":1102042811,"
            + "\"exchange_time\":\"2026-10-03T20:58:31.127510Z\",\"receive_time\":\"2026-10-03T20:58:31.129034Z\"}";

    private static ByteBuf bytes(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
    }

    private static long epochNanos(String iso) {
        Instant t = Instant.parse(iso);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Test
    void readsSeqAndBothTimesOfATicker() {
        ByteBuf json = bytes(TICKER);
        int to = json.writerIndex();
        assertTrue(TickerFields.isTicker(json, 0, to));
        assertEquals(4217, TickerFields.seq(json, 0, to));
        assertEquals(epochNanos("2026-10-03T20:58:31.127510Z"), TickerFields.exchangeTimeNanos(json, 0, to));
        assertEquals(epochNanos("2026-10-03T20:58:31.129034Z"), TickerFields.receiveTimeNanos(json, 0, to));
    }

    @Test
    void readsAMessageInTheMiddleOfALargerBufferWithoutLookingPastIt() {
        String before = "MSG tickerplant.ticker.BTC-USD 1 " + TICKER.length() + "\r\n";
        ByteBuf buffer = bytes(before + TICKER + "\r\n{\"type\":\"ticker\",\"seq\":99}");
        int from = before.length();
        int to = from + TICKER.length();
        assertTrue(TickerFields.isTicker(buffer, from, to));
        assertEquals(4217, TickerFields.seq(buffer, from, to));
        assertEquals(epochNanos("2026-10-03T20:58:31.129034Z"), TickerFields.receiveTimeNanos(buffer, from, to));
        ByteBuf seqLater = bytes("{\"type\":\"ticker\",\"product_id\":\"X\",\"seq\":12}");
        assertEquals(12, TickerFields.seq(seqLater, 0, seqLater.writerIndex()));
    }

    @Test
    void otherMessagesAndMissingTimesAreNotMistakenForTickers() {
        ByteBuf heartbeat = bytes("{\"type\":\"heartbeat\",\"server_time\":\"x\",\"last_seq\":9}");
        assertFalse(TickerFields.isTicker(heartbeat, 0, heartbeat.writerIndex()));
        ByteBuf noTime = bytes("{\"type\":\"ticker\",\"seq\":5,\"exchange_time\":null,\"receive_time\":null}");
        assertEquals(TickerFields.ABSENT, TickerFields.exchangeTimeNanos(noTime, 0, noTime.writerIndex()));
        assertEquals(5, TickerFields.seq(noTime, 0, noTime.writerIndex()));
    }

    @Test
    void parsesEveryFractionLengthTheFeedsUse() {
        for (String iso : new String[] {"2026-09-05T22:10:29.562008293Z", "2026-09-05T22:10:29.562008Z",
                "2024-02-29T23:59:59.5Z", "1999-12-31T00:00:00Z", "2100-03-01T01:02:03.000000001Z"}) {
            assertEquals(epochNanos(iso), Rfc3339.epochNanos(bytes(iso), 0), iso);
            assertEquals(epochNanos(iso), Rfc3339.epochNanos(iso), iso);
        }
        assertEquals(Long.MIN_VALUE, Rfc3339.epochNanos(bytes("2026-09-05 22:10:29Z"), 0));
        assertEquals(Long.MIN_VALUE, Rfc3339.epochNanos(bytes("2026-09-05T22:10:29.5+01:00"), 0));
    }
}
