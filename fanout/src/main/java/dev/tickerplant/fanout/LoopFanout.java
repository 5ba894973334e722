package dev.tickerplant.fanout;

import dev.tickerplant.ingest.metrics.LatencyRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fanout of one worker event loop: the clients whose channels live on it, and the one task per batch that writes
 * the batch's frames to every one of them whose filter matches, then flushes each client that got something once.
 * Confined to its loop; the only things other threads do are {@link #handOff} and reading {@link #backlog()}.
 *
 * <p><b>Smart batching.</b> When more batches are already queued for this loop, a batch's frames are staged and the
 * flush is left to the last queued batch: a loop that falls behind then pays one write and one flush per client for
 * everything that arrived meanwhile instead of one per batch, so it catches up instead of falling further behind. An
 * idle loop flushes every batch at once, so the added latency is only ever the time the loop was busy anyway.
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
    /** Receive times of ticks written but not yet flushed (samples are taken after the flush). */
    private final long[] unflushedReceived = new long[MAX_UNFLUSHED + FrameBatch.CAPACITY];
    private int unflushed;
    /** Batches handed to this loop whose task has not started yet. */
    private final AtomicInteger backlog = new AtomicInteger();
    private SubscriberSession[] sessions = NONE;
    /** A guess at how many bytes one client gets from the current batch, to size its staging buffer. */
    private int stageHint;
    private volatile long lastSeq;

    /** Flush at least this often (in ticks) even while batches keep queuing up, so latency samples stay bounded. */
    static final int MAX_UNFLUSHED = 8 * FrameBatch.CAPACITY;

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

    /** Called by the ring consumer: queues the batch's task for this loop. */
    void handOff(FrameBatch batch, Runnable task) {
        backlog.incrementAndGet();
        try {
            loop.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            backlog.decrementAndGet();
            batch.done();
        }
    }

    /** Batches queued for this loop and not started: 0 when it keeps up. Any thread. */
    int backlog() {
        return backlog.get();
    }

    /** Initial capacity for a client's staging buffer in this batch. */
    int stageHint() {
        return stageHint;
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
        boolean moreQueued = backlog.decrementAndGet() > 0;
        try {
            SubscriberSession[] clients = sessions;
            int size = batch.size;
            boolean flush = !moreQueued || unflushed + size > MAX_UNFLUSHED;
            stageHint = batch.bytes();
            long seq = lastSeq;
            for (int i = 0; i < size; i++) {
                ByteBuf frame = batch.frames[i];
                int product = batch.products[i];
                if (batch.kinds[i] == FrameBatch.TICKER) {
                    seq = batch.seqs[i];
                    double price = batch.prices[i];
                    ByteBuf advancedTrade = batch.advancedTrade[i];
                    ByteBuf exchange = batch.exchange[i];
                    compatLatest.onTick(product, seq, advancedTrade, batch.exchangeSequences[i], batch.tradeIds[i]);
                    boolean any = false;
                    for (SubscriberSession s : clients) {
                        any |= s.offerTicker(s.encoding.pick(frame, advancedTrade, exchange), product, seq, price);
                    }
                    if (any) {
                        unflushedReceived[unflushed++] = batch.receivedNanos[i];
                    }
                } else {
                    for (SubscriberSession s : clients) {
                        s.offerAlert(frame, product);
                    }
                }
            }
            lastSeq = seq;
            long written = 0;
            for (SubscriberSession s : clients) {
                written += s.endOfBatch(flush);
            }
            if (written > 0) {
                figures.messagesSent.add(written);
            }
            if (flush) {
                recordLatencies();
            } else {
                figures.batchesCoalesced.increment();
            }
        } catch (RuntimeException e) {
            log.error("fanout dispatch failed; batch skipped for this loop's clients", e);
        } finally {
            batch.done();
        }
    }

    /** One sample per tick and loop, taken after the flush that put it on the sockets. */
    private void recordLatencies() {
        long now = nanoTime.getAsLong();
        for (int i = 0; i < unflushed; i++) {
            latency.record(now - unflushedReceived[i]);
        }
        unflushed = 0;
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
