package dev.tickerplant.fanout;

import dev.tickerplant.ingest.metrics.LatencyRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The server's counters, written by the event loops and read by anyone through {@link FanoutView}. */
final class ServerFigures implements FanoutView {
    final LongAdder messagesSent = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder slowClientsClosed = new LongAdder();
    final LongAdder slowRequestsClosed = new LongAdder();
    final LongAdder commandErrors = new LongAdder();
    final LongAdder batchesCoalesced = new LongAdder();
    final LongAdder clientFlushes = new LongAdder();
    /** Entries deflated onto a compressed twin: once per tick and encoding, however many clients share them. */
    final LongAdder framesCompressed = new LongAdder();
    /** The worker loops' fanouts, once the server started. */
    volatile LoopFanout[] loops = new LoopFanout[0];
    /** Clients admitted (upgrade done and under the limit) and not yet disconnected. */
    final AtomicInteger clients = new AtomicInteger();
    /**
     * Of those, the clients of each encoding (indexed as in {@link FrameBatch}): the ring consumer encodes a tick in a
     * plug-in's encoding only while it has a client, and deflates it into the encoding's compressed twin only while
     * the twin has one. A client taking compressed frames counts under its encoding and under the twin.
     */
    private final AtomicInteger[] encodingClients;
    final Map<String, SubscriberSession> sessions = new ConcurrentHashMap<>();
    private final LatencyRecorder receiveToWritten = new LatencyRecorder("receive_to_written",
            "Upstream frame read off the socket to the downstream frame written to a subscriber's socket "
                    + "(one sample per tick and fanout event loop)");

    ServerFigures() {
        this(1);
    }

    /** @param encodings how many encodings the server has: the native one and one per plug-in */
    ServerFigures(int encodings) {
        encodingClients = new AtomicInteger[2 * encodings];
        for (int k = 0; k < encodingClients.length; k++) {
            encodingClients[k] = new AtomicInteger();
        }
    }

    /** Connected clients of one encoding or compressed twin. */
    AtomicInteger clientsOf(int encoding) {
        return encodingClients[encoding];
    }

    @Override
    public int subscriberCount() {
        return clients.get();
    }

    @Override
    public List<SubscriberView> subscribers() {
        List<SubscriberView> views = new ArrayList<>(sessions.size());
        for (SubscriberSession s : sessions.values()) {
            views.add(s.view());
        }
        return views;
    }

    @Override
    public long messagesSent() {
        return messagesSent.sum();
    }

    @Override
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public long slowClientsClosed() {
        return slowClientsClosed.sum();
    }

    @Override
    public long slowRequestsClosed() {
        return slowRequestsClosed.sum();
    }

    @Override
    public long commandErrors() {
        return commandErrors.sum();
    }

    @Override
    public int backlog() {
        int most = 0;
        for (LoopFanout loop : loops) {
            most = Math.max(most, loop.backlog());
        }
        return most;
    }

    @Override
    public long batchesCoalesced() {
        return batchesCoalesced.sum();
    }

    @Override
    public long clientFlushes() {
        return clientFlushes.sum();
    }

    @Override
    public LatencyRecorder receiveToWritten() {
        return receiveToWritten;
    }
}
