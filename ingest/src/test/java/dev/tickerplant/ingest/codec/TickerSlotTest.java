package dev.tickerplant.ingest.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TickerSlotTest {

    @Test
    void newSlotHoldsTheAbsentValues() {
        TickerSlot slot = new TickerSlot();

        assertFalse(slot.productId.isPresent());
        for (TickField f : TickField.values()) {
            assertFalse(slot.field(f).isPresent(), f.toString());
        }
        assertFalse(slot.snapshot);
        assertEquals(-1, slot.exchangeSequence);
        assertEquals(-1, slot.tradeId);
        assertEquals(Long.MIN_VALUE, slot.exchangeTimeNanos);
    }

    @Test
    void copyFromCopiesEveryFieldAndClearRestoresTheAbsentValues() {
        TickerSlot source = new TickerSlot();
        source.productId.set("ETH-USD");
        source.field(TickField.PRICE).set("1285.22");
        source.field(TickField.LAST_SIZE).set("11.4396987");
        source.snapshot = true;
        source.exchangeSequence = 37475248783L;
        source.tradeId = 370843401L;
        source.exchangeTimeNanos = 1_666_222_102_061_769_000L;
        TickerSlot copy = new TickerSlot();
        copy.field(TickField.BEST_BID).set("stale");

        copy.copyFrom(source);
        source.clear();

        assertTrue(copy.productId.contentEquals("ETH-USD"));
        assertTrue(copy.field(TickField.PRICE).contentEquals("1285.22"));
        assertTrue(copy.field(TickField.LAST_SIZE).contentEquals("11.4396987"));
        assertFalse(copy.field(TickField.BEST_BID).isPresent());
        assertTrue(copy.snapshot);
        assertEquals(37475248783L, copy.exchangeSequence);
        assertEquals(370843401L, copy.tradeId);
        assertEquals(1_666_222_102_061_769_000L, copy.exchangeTimeNanos);
        assertFalse(source.productId.isPresent());
        assertFalse(source.field(TickField.PRICE).isPresent());
        assertEquals(-1, source.tradeId);
    }

    @Test
    void wireNamesFollowEachProtocol() {
        assertEquals("best_bid_quantity", TickField.BEST_BID_QUANTITY.advancedTradeName());
        assertEquals("best_bid_size", TickField.BEST_BID_QUANTITY.exchangeName());
        assertEquals("volume_24_h", TickField.VOLUME_24H.advancedTradeName());
        assertEquals("volume_24h", TickField.VOLUME_24H.exchangeName());
        assertNull(TickField.LOW_52W.exchangeName());
        assertNull(TickField.TIME.advancedTradeName());
        assertEquals(TickField.BEST_ASK_QUANTITY, TickField.forExchangeName("best_ask_size"));
        assertEquals(TickField.PRICE_PERCENT_CHG_24H, TickField.forAdvancedTradeName("price_percent_chg_24_h"));
        assertNull(TickField.forAdvancedTradeName("product_id"));
    }
}
