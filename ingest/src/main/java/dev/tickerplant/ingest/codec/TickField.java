package dev.tickerplant.ingest.codec;

import java.util.HashMap;
import java.util.Map;

/**
 * The union of both protocols' ticker fields, with each protocol's wire name (null when the protocol lacks the
 * field). Every value is a string on the wire and is kept as its exact bytes.
 */
public enum TickField {
    PRICE("price", "price"),
    VOLUME_24H("volume_24_h", "volume_24h"),
    LOW_24H("low_24_h", "low_24h"),
    HIGH_24H("high_24_h", "high_24h"),
    LOW_52W("low_52_w", null),
    HIGH_52W("high_52_w", null),
    PRICE_PERCENT_CHG_24H("price_percent_chg_24_h", null),
    BEST_BID("best_bid", "best_bid"),
    BEST_BID_QUANTITY("best_bid_quantity", "best_bid_size"),
    BEST_ASK("best_ask", "best_ask"),
    BEST_ASK_QUANTITY("best_ask_quantity", "best_ask_size"),
    OPEN_24H(null, "open_24h"),
    VOLUME_30D(null, "volume_30d"),
    SIDE(null, "side"),
    LAST_SIZE(null, "last_size"),
    TIME(null, "time");

    private static final TickField[] VALUES = values();
    private static final Map<String, TickField> BY_ADVANCED_TRADE_NAME = new HashMap<>();
    private static final Map<String, TickField> BY_EXCHANGE_NAME = new HashMap<>();

    static {
        for (TickField f : VALUES) {
            if (f.advancedTradeName != null) {
                BY_ADVANCED_TRADE_NAME.put(f.advancedTradeName, f);
            }
            if (f.exchangeName != null) {
                BY_EXCHANGE_NAME.put(f.exchangeName, f);
            }
        }
    }

    private final String advancedTradeName;
    private final String exchangeName;

    TickField(String advancedTradeName, String exchangeName) {
        this.advancedTradeName = advancedTradeName;
        this.exchangeName = exchangeName;
    }

    /** The key in an Advanced Trade ticker object, or null when that protocol does not send this field. */
    public String advancedTradeName() {
        return advancedTradeName;
    }

    /** The key in an Exchange ticker message, or null when that protocol does not send this field. */
    public String exchangeName() {
        return exchangeName;
    }

    /** Null for keys that are not ticker fields. A map lookup: parser field names are interned, hashes cached. */
    static TickField forAdvancedTradeName(String name) {
        return BY_ADVANCED_TRADE_NAME.get(name);
    }

    static TickField forExchangeName(String name) {
        return BY_EXCHANGE_NAME.get(name);
    }

    static TickField byOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    static int count() {
        return VALUES.length;
    }
}
