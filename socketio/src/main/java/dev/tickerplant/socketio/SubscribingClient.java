package dev.tickerplant.socketio;

import dev.tickerplant.fanout.FanoutOptions;
import dev.tickerplant.fanout.ProductFilter;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.ingest.ring.MarketView;
import java.util.List;

/**
 * What the handling of a client's {@code subscribe} and {@code unsubscribe} events needs of it, whichever transport
 * carries it: a WebSocket through its fanout session ({@link WebSocketSubscriber}), or a long-polling session that
 * queues everything for the next poll ({@link PollingSession}). On the client's loop.
 */
interface SubscribingClient {
    /** The products whose live ticks the client gets. */
    ProductFilter ticker();

    /** The server's limits (subscriptions, message rate), the same for every transport. */
    FanoutOptions options();

    MarketView market();

    /** Takes one token of the client's message rate limit and returns 0, or the nanos until one is available. */
    long takeCommandToken();

    /** Counts a client message answered with an error. */
    void countCommandError();

    /** Sends one Engine.IO packet, after everything sent before it. */
    void send(String packet);

    /**
     * Sends the {@code ticker_update} message of a product's latest ticker, which carried {@code seq}: live ticks up
     * to it are not sent after it.
     */
    void sendSnapshot(int product, JsonBytes tickerUpdate, long seq, double price);

    /** The client's subscriptions as {@code /api/connections} lists them, e.g. {@code ticker:BTC-USD}. */
    void subscriptionsChanged(List<String> subscriptions);
}
