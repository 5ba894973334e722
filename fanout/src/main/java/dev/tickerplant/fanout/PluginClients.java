package dev.tickerplant.fanout;

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
}
