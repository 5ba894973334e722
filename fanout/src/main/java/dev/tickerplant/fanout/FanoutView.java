package dev.tickerplant.fanout;

import dev.tickerplant.ingest.metrics.LatencyRecorder;
import java.util.List;

/** What the health module may read about the downstream side. Never blocks the fanout event loops. */
public interface FanoutView {
    /** Connected WebSocket clients right now. */
    int subscriberCount();

    /** A copy of every client's figures. */
    List<SubscriberView> subscribers();

    /** Frames written to all clients since start. */
    long messagesSent();

    /** Ticks conflated away for slow clients since start. */
    long dropped();

    /** Clients closed for being too slow since start. */
    long slowClientsClosed();

    /**
     * Connections closed because a request did not arrive whole within the HTTP request timeout, or a WebSocket
     * upgrade did not complete within it, since start.
     */
    long slowRequestsClosed();

    /** Bad commands answered with an error frame since start. */
    long commandErrors();

    /**
     * Batches the ring consumer handed to the fanout event loops that are still waiting to be written, on the loop
     * furthest behind: 0 when every loop keeps up.
     */
    int backlog();

    /** Batches whose flush was left to a later batch of the same loop (the loop was behind), since start. */
    long batchesCoalesced();

    /**
     * Flushes of a client's socket by the batch dispatch, since start: with the cork, at most one per client and loop
     * turn (or linger period), however many ticks it carried.
     */
    long clientFlushes();

    /** Receive (frame read off the upstream socket) → written to a subscriber's socket. */
    LatencyRecorder receiveToWritten();
}
