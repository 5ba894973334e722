package dev.tickerplant.fanout;

import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.ingest.ring.MarketView;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;

/**
 * What a plug-in endpoint's client may do with its fanout session. Live ticks reach the client through the loop's
 * dispatch for the products in {@link #ticker()}, in the plug-in's encoding, with no gap or duplicate after a
 * {@link #snapshotSent}; everything else it sends is a reply. Confined to the client's event loop.
 */
public interface EndpointSession {
    /** The server-assigned client id, e.g. {@code c-12}. */
    String id();

    /** The URI of the client's upgrade request, query string included, e.g. {@code /other/feed?v=2}. */
    String requestUri();

    /** The client's channel, for its allocator, executor (timers) and writability. */
    ChannelHandlerContext ctx();

    /** The session is closing or closed: nothing more is sent. */
    boolean closing();

    /** The products whose live ticks this client gets. */
    ProductFilter ticker();

    /** A snapshot carried {@code seq} for this product: live ticks up to it are suppressed, and older held ones. */
    void snapshotSent(int product, long seq, double price);

    /** The client's subscriptions as {@code /api/connections} lists them, e.g. {@code ticker:BTC-USD}. */
    void subscriptionsChanged(List<String> subscriptions);

    /** Writes one message (not a tick) as a text frame, after everything before it, and flushes. */
    void reply(byte[] payload);

    void reply(JsonBytes payload);

    /** Writes a buffer holding {@code count} complete frames and flushes; takes ownership of it. */
    void replyFrames(ByteBuf frames, int count);

    /** Takes one token of the client's message rate limit and returns 0, or the nanos until one is available. */
    long takeCommandToken();

    /** Counts a client message answered with an error. */
    void countCommandError();

    /** The server's options (limits, rates). */
    FanoutOptions options();

    /** The products the server follows and their latest tickers. */
    MarketView market();

    /** The server's wall clock, in nanoseconds since the epoch. */
    long epochNanos();

    /** Nanoseconds since the server was made. */
    long uptimeNanos();
}
