package dev.tickerplant.coinbase;

/** Field names of the WebSocket messages, both directions, both APIs. */
public final class Fields {
    public static final String TYPE = "type";
    public static final String CHANNEL = "channel";
    public static final String CHANNELS = "channels";
    public static final String NAME = "name";
    public static final String PRODUCT_IDS = "product_ids";
    public static final String PRODUCT_ID = "product_id";
    public static final String JWT = "jwt";
    public static final String MESSAGE = "message";
    public static final String REASON = "reason";
    public static final String ACCOUNT_IDS = "account_ids";

    // Advanced Trade envelope and events
    public static final String CLIENT_ID = "client_id";
    public static final String TIMESTAMP = "timestamp";
    public static final String SEQUENCE_NUM = "sequence_num";
    public static final String EVENTS = "events";
    public static final String TICKERS = "tickers";
    public static final String SUBSCRIPTIONS = "subscriptions";
    public static final String CURRENT_TIME = "current_time";
    public static final String HEARTBEAT_COUNTER = "heartbeat_counter";

    // Exchange messages
    public static final String SEQUENCE = "sequence";
    public static final String TRADE_ID = "trade_id";
    public static final String LAST_TRADE_ID = "last_trade_id";
    public static final String TIME = "time";

    private Fields() {
    }
}
