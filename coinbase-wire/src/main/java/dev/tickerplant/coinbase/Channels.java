package dev.tickerplant.coinbase;

/** Channel names as they appear in requests, envelopes and acks. */
public final class Channels {
    /** Both APIs: one message per trade (Exchange) or per change (Advanced Trade). */
    public static final String TICKER = "ticker";
    /** Both APIs: the ticker at most every 5 s. */
    public static final String TICKER_BATCH = "ticker_batch";
    /** Advanced Trade keep-alive, one per connection per second. */
    public static final String HEARTBEATS = "heartbeats";
    /** Exchange keep-alive, one per subscribed product per second. */
    public static final String HEARTBEAT = "heartbeat";
    /** Advanced Trade's ack channel. */
    public static final String SUBSCRIPTIONS = "subscriptions";
    /** Both APIs: product and currency listings. */
    public static final String STATUS = "status";

    private Channels() {
    }
}
