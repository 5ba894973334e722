package dev.tickerplant.fanout;

import dev.tickerplant.ingest.metrics.LatencyRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fanout of one worker event loop: the clients whose channels live on it, and the one task per batch that writes
 * the batch's frames to every one of them whose filter matches, then flushes each client that got something once.
 * Confined to its loop; the only thing other threads do is {@code loop.execute(...)}.
 */
final class LoopFanout {
    private static final Logger log = LoggerFactory.getLogger(LoopFanout.class);
    private static final SubscriberSession[] NONE = new SubscriberSession[0];

    final EventLoop loop;
    /** The latest Advanced Trade ticker and Exchange ids per product, for the compat clients' periodic messages. */
    final CompatLatest compatLatest = new CompatLatest();
    private final ServerFigures figures;
    private final LatencyRecorder latency;
    private final LongSupplier nanoTime;
    private final boolean[] delivered = new boolean[FrameBatch.CAPACITY];
    private SubscriberSession[] sessions = NONE;
    private volatile long lastSeq;

    LoopFanout(EventLoop loop, ServerFigures figures, LongSupplier nanoTime, long lastSeq) {
        this.loop = loop;
        this.figures = figures;
        this.latency = figures.receiveToWritten();
        this.nanoTime = nanoTime;
        this.lastSeq = lastSeq;
    }

    /** The seq of the last tick this loop dispatched (to whichever of its clients wanted it). */
    long lastSeq() {
        return lastSeq;
    }

    void add(SubscriberSession session) {
        SubscriberSession[] grown = Arrays.copyOf(sessions, sessions.length + 1);
        grown[sessions.length] = session;
        sessions = grown;
    }

    void remove(SubscriberSession session) {
        for (int i = 0; i < sessions.length; i++) {
            if (sessions[i] == session) {
                SubscriberSession[] shrunk = new SubscriberSession[sessions.length - 1];
                System.arraycopy(sessions, 0, shrunk, 0, i);
                System.arraycopy(sessions, i + 1, shrunk, i, sessions.length - i - 1);
                sessions = shrunk;
                return;
            }
        }
    }

    /** One hand-off from the ring consumer. Allocation-free apart from Netty's recycled duplicates. */
    void dispatch(FrameBatch batch) {
        try {
            SubscriberSession[] clients = sessions;
            int size = batch.size;
            long seq = lastSeq;
            for (int i = 0; i < size; i++) {
                ByteBuf frame = batch.frames[i];
                int product = batch.products[i];
                boolean any = false;
                if (batch.kinds[i] == FrameBatch.TICKER) {
                    seq = batch.seqs[i];
                    double price = batch.prices[i];
                    ByteBuf advancedTrade = batch.advancedTrade[i];
                    ByteBuf exchange = batch.exchange[i];
                    compatLatest.onTick(product, seq, advancedTrade, batch.exchangeSequences[i], batch.tradeIds[i]);
                    for (SubscriberSession s : clients) {
                        any |= s.offerTicker(s.encoding.pick(frame, advancedTrade, exchange), product, seq, price);
                    }
                    delivered[i] = any;
                } else {
                    for (SubscriberSession s : clients) {
                        s.offerAlert(frame, product);
                    }
                    delivered[i] = false;
                }
            }
            lastSeq = seq;
            long written = 0;
            for (SubscriberSession s : clients) {
                written += s.endOfBatch();
            }
            if (written > 0) {
                figures.messagesSent.add(written);
            }
            // One sample per tick and loop, taken after the flush that put it on the sockets.
            long now = nanoTime.getAsLong();
            for (int i = 0; i < size; i++) {
                if (delivered[i]) {
                    latency.record(now - batch.receivedNanos[i]);
                }
            }
        } catch (RuntimeException e) {
            log.error("fanout dispatch failed; batch skipped for this loop's clients", e);
        } finally {
            batch.done();
        }
    }

    /** An upstream connection went stale or recovered: tell the clients watching any of its products. */
    void broadcastStatus(ByteBuf frame, int[] products) {
        try {
            for (SubscriberSession s : sessions) {
                if (s.offerStatus(frame, products)) {
                    figures.messagesSent.increment();
                }
            }
        } finally {
            frame.release();
        }
    }

    void closeAll(int code, String reason) {
        for (SubscriberSession s : sessions) {
            s.closeWith(code, reason);
        }
        compatLatest.release();
    }
}
