package dev.tickerplant.compat;

import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.Timestamps;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;

/**
 * Exchange feed messages (protocol reference B.3–B.5). A {@code ticker} message has nothing specific to one client,
 * so it is encoded once per tick and the same frame goes to every client:
 *
 * <pre>{"type":"ticker","sequence":137212619516,"product_id":"BTC-USD","price":"84737.58","open_24h":"84430.55",...,
 *  "side":"sell","time":"2026-10-03T20:58:31.127510Z","trade_id":1102042811,"last_size":"0.00000025"}</pre>
 */
final class ExchangeJson {
    /** Coinbase's key order; the fields of a ticker between {@code product_id} and {@code side}. */
    private static final TickField[] MIDDLE = {TickField.PRICE, TickField.OPEN_24H, TickField.VOLUME_24H,
        TickField.LOW_24H, TickField.HIGH_24H, TickField.VOLUME_30D, TickField.BEST_BID, TickField.BEST_BID_QUANTITY,
        TickField.BEST_ASK, TickField.BEST_ASK_QUANTITY, TickField.SIDE, TickField.TIME};
    private static final byte[][] KEYS = new byte[TickField.values().length][];
    private static final byte[] TYPE_TICKER = AdvancedTradeJson.ascii("{\"type\":\"ticker\"");
    private static final byte[] SEQUENCE = AdvancedTradeJson.ascii(",\"sequence\":");
    private static final byte[] PRODUCT_ID = AdvancedTradeJson.ascii(",\"product_id\":\"");
    private static final byte[] TRADE_ID = AdvancedTradeJson.ascii(",\"trade_id\":");
    private static final byte[] LAST_SIZE = AdvancedTradeJson.ascii(",\"last_size\":\"");
    private static final byte[] TYPE_HEARTBEAT = AdvancedTradeJson.ascii("{\"type\":\"heartbeat\"");
    private static final byte[] LAST_TRADE_ID = AdvancedTradeJson.ascii(",\"last_trade_id\":");
    private static final byte[] TIME = AdvancedTradeJson.ascii(",\"time\":\"");

    static {
        for (TickField f : TickField.values()) {
            KEYS[f.ordinal()] = f.exchangeName() == null ? null : AdvancedTradeJson.ascii(",\"" + f.exchangeName()
                    + "\":\"");
        }
    }

    private ExchangeJson() {
    }

    /**
     * Appends a {@code ticker} message with every Exchange field the tick carries, exact bytes, in Coinbase's order.
     * {@code sequence} and {@code trade_id} are numbers, as Coinbase sends them. Fields that only Advanced Trade has
     * are left out, and so are Exchange fields the tick lacks (an Advanced Trade tick has no {@code sequence},
     * {@code trade_id}, {@code side}, {@code last_size}, {@code time}, {@code open_24h} or {@code volume_30d}).
     * Allocation-free.
     */
    public static void writeTicker(JsonBytes out, TickerSlot tick) {
        out.append(TYPE_TICKER);
        if (tick.exchangeSequence >= 0) {
            out.append(SEQUENCE).append(tick.exchangeSequence);
        }
        out.append(PRODUCT_ID).append(tick.productId).append('"');
        for (TickField f : MIDDLE) {
            if (tick.field(f).isPresent()) {
                out.append(KEYS[f.ordinal()]).append(tick.field(f)).append('"');
            }
        }
        if (tick.tradeId >= 0) {
            out.append(TRADE_ID).append(tick.tradeId);
        }
        if (tick.field(TickField.LAST_SIZE).isPresent()) {
            out.append(LAST_SIZE).append(tick.field(TickField.LAST_SIZE)).append('"');
        }
        out.append('}');
    }

    /**
     * Appends a {@code heartbeat} for one product: {@code last_trade_id} and {@code sequence} of its latest ticker
     * (left out when negative: unknown, as for an Advanced Trade source), and the server's time.
     */
    public static void writeHeartbeat(JsonBytes out, String productId, long sequence, long lastTradeId,
                                      long epochNanos) {
        out.append(TYPE_HEARTBEAT);
        if (lastTradeId >= 0) {
            out.append(LAST_TRADE_ID).append(lastTradeId);
        }
        out.append(PRODUCT_ID).appendAscii(productId).append('"');
        if (sequence >= 0) {
            out.append(SEQUENCE).append(sequence);
        }
        out.append(TIME);
        Timestamps.append(out, epochNanos);
        out.append('"').append('}');
    }
}
