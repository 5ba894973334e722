package dev.tickerplant.coinbase;

/**
 * The fields of a ticker, in the order Coinbase writes them (2026 captures). Both APIs carry the same figures under
 * partly different names: {@code AT_} constants are Advanced Trade's, {@code EX_} ones the Exchange feed's.
 */
public final class TickerFields {
    // Advanced Trade ticker object (inside events[].tickers[])
    public static final String AT_PRICE = "price";
    public static final String AT_VOLUME_24H = "volume_24_h";
    public static final String AT_LOW_24H = "low_24_h";
    public static final String AT_HIGH_24H = "high_24_h";
    public static final String AT_LOW_52W = "low_52_w";
    public static final String AT_HIGH_52W = "high_52_w";
    public static final String AT_PRICE_PERCENT_CHG_24H = "price_percent_chg_24_h";
    public static final String AT_BEST_BID = "best_bid";
    public static final String AT_BEST_ASK = "best_ask";
    public static final String AT_BEST_BID_QUANTITY = "best_bid_quantity";
    public static final String AT_BEST_ASK_QUANTITY = "best_ask_quantity";

    // Exchange ticker message
    public static final String EX_PRICE = "price";
    public static final String EX_OPEN_24H = "open_24h";
    public static final String EX_VOLUME_24H = "volume_24h";
    public static final String EX_LOW_24H = "low_24h";
    public static final String EX_HIGH_24H = "high_24h";
    public static final String EX_VOLUME_30D = "volume_30d";
    public static final String EX_BEST_BID = "best_bid";
    public static final String EX_BEST_BID_SIZE = "best_bid_size";
    public static final String EX_BEST_ASK = "best_ask";
    public static final String EX_BEST_ASK_SIZE = "best_ask_size";
    public static final String EX_SIDE = "side";
    public static final String EX_TIME = "time";
    public static final String EX_LAST_SIZE = "last_size";

    private TickerFields() {
    }
}
