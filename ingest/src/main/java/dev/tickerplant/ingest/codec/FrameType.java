package dev.tickerplant.ingest.codec;

/** What one upstream frame was. */
public enum FrameType {
    /** One or more tickers from a {@code ticker} subscription. */
    TICKER,
    /** Advanced Trade {@code ticker_batch}: the latest values every 5 s, only for products that changed. */
    TICKER_BATCH,
    /** Keep-alive: AT {@code heartbeats} (one per connection per second) or EX {@code heartbeat} (per product). */
    HEARTBEAT,
    /** The cumulative subscribe/unsubscribe acknowledgement. */
    SUBSCRIPTIONS,
    /** A server-reported error; see {@link DecodedFrame#errorMessage()}. */
    ERROR,
    /** A well-formed frame of a channel or message type the ticker plant does not use. */
    IGNORED
}
