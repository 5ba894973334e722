package dev.tickerplant.fanout.protocol;

import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import java.nio.charset.StandardCharsets;

/**
 * The payload of a downstream {@code ticker} message, written straight from a decoded tick:
 *
 * <pre>{"type":"ticker","seq":42,"product_id":"BTC-USD","price":"84737.58",...,
 *  "exchange_time":"2026-10-03T20:58:31.127510Z","receive_time":"2026-10-03T20:58:31.129034Z"}</pre>
 *
 * <p>Every Coinbase field the tick carries appears under the wire name of the API it came from
 * ({@link TickerSlot#fromExchange()}, {@link TickField#nameFrom(boolean)}) with the exact bytes Coinbase sent. Allocation-free: keys are pre-encoded and values are copied as bytes.
 */
public final class TickerJson {
    private static final TickField[] FIELDS = TickField.values();
    private static final byte[][] ADVANCED_TRADE_KEYS = new byte[FIELDS.length][];
    private static final byte[][] EXCHANGE_KEYS = new byte[FIELDS.length][];
    private static final byte[] START = ascii("{\"type\":\"ticker\",\"seq\":");
    private static final byte[] PRODUCT_ID = ascii(",\"product_id\":\"");
    private static final byte[] SEQUENCE = ascii(",\"sequence\":");
    private static final byte[] TRADE_ID = ascii(",\"trade_id\":");
    private static final byte[] EXCHANGE_TIME = ascii(",\"exchange_time\":");
    private static final byte[] RECEIVE_TIME = ascii(",\"receive_time\":");

    static {
        for (TickField f : FIELDS) {
            ADVANCED_TRADE_KEYS[f.ordinal()] = ascii(",\"" + f.nameFrom(false) + "\":\"");
            EXCHANGE_KEYS[f.ordinal()] = ascii(",\"" + f.nameFrom(true) + "\":\"");
        }
    }

    private TickerJson() {
    }

    /** Appends the ticker object for {@code tick}; {@code receivedEpochNanos} is when the daemon read it. */
    public static void write(JsonBytes out, TickerSlot tick, long seq, long receivedEpochNanos) {
        byte[][] keys = tick.fromExchange() ? EXCHANGE_KEYS : ADVANCED_TRADE_KEYS;
        out.append(START).append(seq).append(PRODUCT_ID).append(tick.productId).append('"');
        for (TickField f : FIELDS) {
            if (tick.field(f).isPresent()) {
                out.append(keys[f.ordinal()]).append(tick.field(f)).append('"');
            }
        }
        if (tick.exchangeSequence >= 0) {
            out.append(SEQUENCE).append(tick.exchangeSequence);
        }
        if (tick.tradeId >= 0) {
            out.append(TRADE_ID).append(tick.tradeId);
        }
        out.append(EXCHANGE_TIME);
        Timestamps.appendQuoted(out, tick.exchangeTimeNanos);
        out.append(RECEIVE_TIME);
        Timestamps.appendQuoted(out, receivedEpochNanos);
        out.append('}');
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
