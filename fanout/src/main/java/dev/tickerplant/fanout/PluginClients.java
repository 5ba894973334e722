package dev.tickerplant.fanout;

import dev.tickerplant.ingest.ring.MarketView;

/**
 * A plug-in's clients that have no WebSocket (e.g. HTTP long-polling sessions), counted by the server like its
 * WebSocket clients: each takes a {@code maxClients} slot, and while there is one the ring consumer encodes ticks in
 * the plug-in's encoding, so {@link PluginLoop#onTicker} gets their bytes. Thread-safe.
 */
public interface PluginClients {
    /** Takes a slot for one more client; false (and nothing taken) when {@code maxClients} are already connected. */
    boolean admit();

    /** Gives back a slot {@link #admit()} took. */
    void release();

    /** The server's {@code maxClients}, for the message refusing a client. */
    int maxClients();

    /** The server's options: the limits (subscriptions, message rate) these clients are held to like any other. */
    FanoutOptions options();

    /** The products the server follows and their latest tickers, for these clients' subscriptions. */
    MarketView market();

    /** Counts a message of one of these clients answered with an error, as {@link EndpointSession} does. */
    void countCommandError();
}
