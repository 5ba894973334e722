package dev.tickerplant.socketio;

import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.TickerJson;
import dev.tickerplant.ingest.codec.AsciiField;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import java.nio.charset.StandardCharsets;

/**
 * A tick as the Engine.IO message of a {@code ticker_update} event, what dashboards read first at the top and the
 * native ticker beside it:
 *
 * <pre>42["ticker_update",{"crypto":"BTC","product_id":"BTC-USD","price":84737.58,"seq":42,
 *   "ticker":{"type":"ticker","seq":42,"product_id":"BTC-USD","price":"84737.58",...}}]</pre>
 *
 * {@code price} is the exact decimal Coinbase sent, written as a JSON number; {@code ticker} is the native protocol's
 * ticker object, every decimal an exact string. Allocation-free.
 */
final class TickerUpdateJson {
    private static final byte[] START = ascii("42[\"ticker_update\",{\"crypto\":\"");
    private static final byte[] PRODUCT_ID = ascii("\",\"product_id\":\"");
    private static final byte[] PRICE = ascii("\",\"price\":");
    private static final byte[] SEQ = ascii(",\"seq\":");
    private static final byte[] TICKER = ascii(",\"ticker\":");
    private static final byte[] END = ascii("}]");
    private static final byte[] NULL = ascii("null");

    private TickerUpdateJson() {
    }

    static void write(JsonBytes out, TickerSlot tick, long seq, long receivedEpochNanos) {
        AsciiField product = tick.productId;
        out.append(START);
        for (int i = 0; i < product.length() && product.byteAt(i) != '-'; i++) {
            out.append(product.byteAt(i));
        }
        out.append(PRODUCT_ID).append(product).append(PRICE);
        AsciiField price = tick.field(TickField.PRICE);
        if (isJsonNumber(price)) {
            out.append(price);
        } else {
            out.append(NULL);
        }
        out.append(SEQ).append(seq).append(TICKER);
        TickerJson.write(out, tick, seq, receivedEpochNanos);
        out.append(END);
    }

    /** A plain decimal such as {@code 0.0123} or {@code 84737.58}, which JSON takes as a number as it is. */
    static boolean isJsonNumber(AsciiField field) {
        int n = field.length();
        if (n == 0) {
            return false;
        }
        int i = field.byteAt(0) == '-' ? 1 : 0;
        int intStart = i;
        while (i < n && isDigit(field.byteAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && field.byteAt(intStart) == '0')) {
            return false;
        }
        if (i < n && field.byteAt(i) == '.') {
            int fraction = ++i;
            while (i < n && isDigit(field.byteAt(i))) {
                i++;
            }
            if (i == fraction) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
