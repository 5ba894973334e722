package dev.tickerplant.ingest.ring;

import dev.tickerplant.ingest.codec.AsciiField;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;

/**
 * A 64-bit FNV-1a hash of a ticker's content (product and every field except the receive-side ones). Advanced Trade
 * tickers carry no trade id, so two links delivering the same tick are recognised by identical content: volume_24_h
 * moves with every trade, which makes equal content a duplicate in practice.
 */
final class ContentKey {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final TickField[] FIELDS = TickField.values();

    private ContentKey() {
    }

    static long of(TickerSlot slot) {
        long h = mix(OFFSET, slot.productId);
        for (TickField f : FIELDS) {
            h = mix(h, slot.field(f));
            h = (h ^ 0xff) * PRIME; // field separator, so "1","23" differs from "12","3"
        }
        h = (h ^ slot.tradeId) * PRIME;
        return h;
    }

    private static long mix(long h, AsciiField field) {
        for (int i = 0, n = field.length(); i < n; i++) {
            h = (h ^ (field.byteAt(i) & 0xff)) * PRIME;
        }
        return h;
    }
}
