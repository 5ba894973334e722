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

    /** Bad commands answered with an error frame since start. */
    long commandErrors();

    /** Receive (frame read off the upstream socket) → written to a subscriber's socket. */
    LatencyRecorder receiveToWritten();
}
