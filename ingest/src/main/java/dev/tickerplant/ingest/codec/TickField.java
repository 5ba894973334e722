package dev.tickerplant.ingest.codec;

import static dev.tickerplant.coinbase.TickerFields.AT_BEST_ASK;
import static dev.tickerplant.coinbase.TickerFields.AT_BEST_ASK_QUANTITY;
import static dev.tickerplant.coinbase.TickerFields.AT_BEST_BID;
import static dev.tickerplant.coinbase.TickerFields.AT_BEST_BID_QUANTITY;
import static dev.tickerplant.coinbase.TickerFields.AT_HIGH_24H;
import static dev.tickerplant.coinbase.TickerFields.AT_HIGH_52W;
import static dev.tickerplant.coinbase.TickerFields.AT_LOW_24H;
import static dev.tickerplant.coinbase.TickerFields.AT_LOW_52W;
import static dev.tickerplant.coinbase.TickerFields.AT_PRICE;
import static dev.tickerplant.coinbase.TickerFields.AT_PRICE_PERCENT_CHG_24H;
import static dev.tickerplant.coinbase.TickerFields.AT_VOLUME_24H;
import static dev.tickerplant.coinbase.TickerFields.EX_BEST_ASK;
import static dev.tickerplant.coinbase.TickerFields.EX_BEST_ASK_SIZE;
import static dev.tickerplant.coinbase.TickerFields.EX_BEST_BID;
import static dev.tickerplant.coinbase.TickerFields.EX_BEST_BID_SIZE;
import static dev.tickerplant.coinbase.TickerFields.EX_HIGH_24H;
import static dev.tickerplant.coinbase.TickerFields.EX_LAST_SIZE;
import static dev.tickerplant.coinbase.TickerFields.EX_LOW_24H;
import static dev.tickerplant.coinbase.TickerFields.EX_OPEN_24H;
import static dev.tickerplant.coinbase.TickerFields.EX_PRICE;
import static dev.tickerplant.coinbase.TickerFields.EX_SIDE;
import static dev.tickerplant.coinbase.TickerFields.EX_TIME;
import static dev.tickerplant.coinbase.TickerFields.EX_VOLUME_24H;
import static dev.tickerplant.coinbase.TickerFields.EX_VOLUME_30D;

import java.util.HashMap;
import java.util.Map;

/**
 * The union of both protocols' ticker fields, with each protocol's wire name (null when the protocol lacks the
 * field). Every value is a string on the wire and is kept as its exact bytes.
 */
public enum TickField {
    PRICE(AT_PRICE, EX_PRICE),
    VOLUME_24H(AT_VOLUME_24H, EX_VOLUME_24H),
    LOW_24H(AT_LOW_24H, EX_LOW_24H),
    HIGH_24H(AT_HIGH_24H, EX_HIGH_24H),
    LOW_52W(AT_LOW_52W, null),
    HIGH_52W(AT_HIGH_52W, null),
    PRICE_PERCENT_CHG_24H(AT_PRICE_PERCENT_CHG_24H, null),
    BEST_BID(AT_BEST_BID, EX_BEST_BID),
    BEST_BID_QUANTITY(AT_BEST_BID_QUANTITY, EX_BEST_BID_SIZE),
    BEST_ASK(AT_BEST_ASK, EX_BEST_ASK),
    BEST_ASK_QUANTITY(AT_BEST_ASK_QUANTITY, EX_BEST_ASK_SIZE),
    OPEN_24H(null, EX_OPEN_24H),
    VOLUME_30D(null, EX_VOLUME_30D),
    SIDE(null, EX_SIDE),
    LAST_SIZE(null, EX_LAST_SIZE),
    TIME(null, EX_TIME);

    static final TickField[] VALUES = values();
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

    /**
     * The field's name in a ticker from the Exchange feed ({@code exchange}) or Advanced Trade: that API's wire name,
     * or the other API's where it has none. Every downstream surface (the {@code ticker} message, the bus payload,
     * {@code /api/tickers}) names fields this way, so one field reads the same everywhere.
     */
    public String nameFrom(boolean exchange) {
        if (exchange) {
            return exchangeName != null ? exchangeName : advancedTradeName;
        }
        return advancedTradeName != null ? advancedTradeName : exchangeName;
    }

    /** Null for keys that are not ticker fields. A map lookup: parser field names are interned, hashes cached. */
    static TickField forAdvancedTradeName(String name) {
        return BY_ADVANCED_TRADE_NAME.get(name);
    }

    static TickField forExchangeName(String name) {
        return BY_EXCHANGE_NAME.get(name);
    }

    /**
     * The field either API names {@code name} (the two never use one name for different fields), or null. For readers
     * of the downstream ticker JSON, which carries each field under the name of the API the tick came from.
     */
    public static TickField forWireName(String name) {
        TickField f = BY_ADVANCED_TRADE_NAME.get(name);
        return f != null ? f : BY_EXCHANGE_NAME.get(name);
    }

    static TickField byOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    static int count() {
        return VALUES.length;
    }
}
