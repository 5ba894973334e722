package dev.tickerplant.fanout;

import dev.tickerplant.ingest.metrics.LatencyRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fanout of one worker event loop: the clients whose channels live on it, an index of who wants which product,
 * and the one task per batch that hands each interested client its part of the batch's shared buffers. Confined to
 * its loop; the only things other threads do are {@link #handOff} and reading {@link #backlog()}.
 *
 * <p><b>Per-product index.</b> A client subscribed to every product takes a whole batch as one slice when nothing
 * stands in the way (see {@link SubscriberSession#takeWholeBatch}); the rest are listed under the products they
 * follow, so a tick only visits the clients that want it. The index is rebuilt, off the tick path, after a
 * subscription changed.
 *
 * <p><b>Cork.</b> Clients that got something are written at the end of each batch and flushed once per loop turn:
 * when more batches are already queued for this loop, the flush is left to the last of them, so a loop that falls
 * behind pays one flush (one system call) per client for everything that arrived meanwhile instead of one per batch.
 * With a linger set, a loop that flushed less than the linger ago waits for its end, so at high rates every client
 * gets at most one send per linger period; a loop that was idle longer flushes at once.
 */
final class LoopFanout {
    private static final Logger log = LoggerFactory.getLogger(LoopFanout.class);
    private static final SubscriberSession[] NONE = new SubscriberSession[0];
    private static final PluginLoop[] NO_PLUGINS = new PluginLoop[0];

    final EventLoop loop;
    /** The plug-ins' shares of this loop: plug-in {@code p}'s encoding is number {@code p + 1} (0 is native). */
    private final PluginLoop[] plugins;
    private final ServerFigures figures;
    private final LatencyRecorder latency;
    private final LongSupplier nanoTime;
    private final long lingerNanos;
    private final Runnable lingerFlush = this::lingerFlush;
    /** Receive times of ticks written but not yet flushed (samples are taken after the flush). */
    private final long[] unflushedReceived = new long[MAX_UNFLUSHED + FrameBatch.CAPACITY];
    private int unflushed;
    /** Batches handed to this loop whose task has not started yet. */
    private final AtomicInteger backlog = new AtomicInteger();
    private SubscriberSession[] sessions = NONE;
    /** Clients following every product, and the others by product; rebuilt when {@link #indexStale}. */
    private SubscriberSession[] allProducts = NONE;
    private SubscriberSession[][] byProduct = new SubscriberSession[0][];
    private boolean indexStale;
    /** Clients that got something in the current batch. */
    private SubscriberSession[] touched = new SubscriberSession[64];
    private int touchedCount;
    /** Clients written to since the last flush. */
    private SubscriberSession[] toFlush = new SubscriberSession[64];
    private int toFlushCount;
    private long lastFlushNanos = Long.MIN_VALUE / 2;
    private boolean lingerScheduled;
    /** A guess at how many bytes one client gets from the current batch, to size its staging buffer. */
    private int stageHint;
    private volatile long lastSeq;

    /** Flush at least this often (in ticks) even while batches keep queuing up, so latency samples stay bounded. */
    static final int MAX_UNFLUSHED = 8 * FrameBatch.CAPACITY;

    LoopFanout(EventLoop loop, ServerFigures figures, LongSupplier nanoTime, long lastSeq) {
        this(loop, figures, nanoTime, lastSeq, 0, NO_PLUGINS);
    }

    /**
     * @param lingerNanos the least time between two flushes of this loop's clients; 0 flushes every loop turn
     * @param plugins     the plug-ins' shares of this loop, in the order of their encodings' numbers
     */
    LoopFanout(EventLoop loop, ServerFigures figures, LongSupplier nanoTime, long lastSeq, long lingerNanos,
               PluginLoop[] plugins) {
        this.loop = loop;
        this.plugins = plugins.clone();
        this.figures = figures;
        this.latency = figures.receiveToWritten();
        this.nanoTime = nanoTime;
        this.lastSeq = lastSeq;
        this.lingerNanos = lingerNanos;
    }

    /** The seq of the last tick this loop dispatched (to whichever of its clients wanted it). */
    long lastSeq() {
        return lastSeq;
    }

    /** The share of this loop of the plug-in whose encoding is number {@code encoding}. */
    PluginLoop plugin(int encoding) {
        return plugins[encoding - 1];
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
        indexStale = true;
    }

    void remove(SubscriberSession session) {
        for (int i = 0; i < sessions.length; i++) {
            if (sessions[i] == session) {
                SubscriberSession[] shrunk = new SubscriberSession[sessions.length - 1];
                System.arraycopy(sessions, 0, shrunk, 0, i);
                System.arraycopy(sessions, i + 1, shrunk, i, sessions.length - i - 1);
                sessions = shrunk;
                indexStale = true;
                return;
            }
        }
    }

    /** A client's ticker products changed: rebuild the index before the next batch. */
    void subscriptionsChanged() {
        indexStale = true;
    }

    /** Called by a client the first time it gets something in the current batch. */
    void touched(SubscriberSession session) {
        if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, touchedCount * 2);
        }
        touched[touchedCount++] = session;
    }

    /** One hand-off from the ring consumer. Allocation-free apart from Netty's recycled slices. */
    void dispatch(FrameBatch batch) {
        boolean moreQueued = backlog.decrementAndGet() > 0;
        try {
            if (indexStale) {
                rebuildIndex();
            }
            stageHint = batch.bytes();
            SubscriberSession[] everything = allProducts;
            boolean anyWhole = false;
            for (SubscriberSession s : everything) {
                anyWhole |= s.takeWholeBatch(batch);
            }
            long seq = lastSeq;
            for (int i = 0; i < batch.size; i++) {
                int product = batch.products[i];
                if (batch.kinds[i] == FrameBatch.TICKER) {
                    seq = batch.seqs[i];
                    for (int p = 0; p < plugins.length; p++) {
                        tell(plugins[p], p + 1, batch, i);
                    }
                    boolean any = anyWhole;
                    for (SubscriberSession s : everything) {
                        if (!s.wholeBatch) {
                            any |= s.offerTicker(batch, i);
                        }
                    }
                    if (product < byProduct.length) {
                        for (SubscriberSession s : byProduct[product]) {
                            any |= s.offerTicker(batch, i);
                        }
                    }
                    if (any) {
                        unflushedReceived[unflushed++] = batch.receivedNanos[i];
                    }
                } else {
                    for (SubscriberSession s : sessions) {
                        if (!s.wholeBatch) {
                            s.offerAlert(batch, i);
                        }
                    }
                    if (plugins.length > 0) {
                        tellAlert(batch, i);
                    }
                }
            }
            lastSeq = seq;
            endOfBatch();
            if (unflushed > MAX_UNFLUSHED - FrameBatch.CAPACITY) {
                flushAll(nanoTime.getAsLong()); // the samples' room runs out: flush whatever the linger says
            } else if (!moreQueued) {
                flushOrLinger();
            } else {
                figures.batchesCoalesced.increment();
            }
        } catch (RuntimeException e) {
            log.error("fanout dispatch failed; batch skipped for this loop's clients", e);
        } finally {
            batch.done();
        }
    }

    /** Tells every plug-in's share of this loop of alert entry {@code i}, in the native encoding. */
    private void tellAlert(FrameBatch batch, int i) {
        int start = batch.start(FrameBatch.NATIVE, i);
        if (start < 0) {
            return;
        }
        int length = batch.end(FrameBatch.NATIVE, i) - start;
        for (PluginLoop plugin : plugins) {
            plugin.onAlert(batch.products[i], batch.seqs[i], batch.buffer(FrameBatch.NATIVE), start, length);
        }
    }

    /** Tells a plug-in's share of this loop of ticker entry {@code i}, with its bytes in the plug-in's encoding. */
    private static void tell(PluginLoop plugin, int encoding, FrameBatch batch, int i) {
        int start = batch.start(encoding, i);
        int length = start < 0 ? 0 : batch.end(encoding, i) - start;
        plugin.onTicker(batch.products[i], batch.seqs[i], batch.exchangeSequences[i], batch.tradeIds[i],
                batch.buffer(encoding), start, length);
    }

    /** Writes what each touched client got (its slices must leave before the batch is reused) and counts it. */
    private void endOfBatch() {
        long written = 0;
        for (int i = 0; i < touchedCount; i++) {
            SubscriberSession s = touched[i];
            touched[i] = null;
            written += s.endOfBatch();
            if (!s.awaitingFlush) {
                s.awaitingFlush = true;
                if (toFlushCount == toFlush.length) {
                    toFlush = Arrays.copyOf(toFlush, toFlushCount * 2);
                }
                toFlush[toFlushCount++] = s;
            }
        }
        touchedCount = 0;
        if (written > 0) {
            figures.messagesSent.add(written);
        }
    }

    private void flushOrLinger() {
        if (lingerNanos <= 0) {
            flushAll(0);
            return;
        }
        long now = nanoTime.getAsLong();
        long wait = lastFlushNanos + lingerNanos - now;
        if (wait <= 0) {
            flushAll(now);
        } else if (!lingerScheduled) {
            lingerScheduled = true;
            loop.schedule(lingerFlush, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** The linger timer: flushes once the linger is over by the loop's clock, else waits for what remains. */
    private void lingerFlush() {
        long now = nanoTime.getAsLong();
        long wait = lastFlushNanos + lingerNanos - now;
        if (wait > 0) {
            loop.schedule(lingerFlush, wait, TimeUnit.NANOSECONDS);
            return;
        }
        lingerScheduled = false;
        flushAll(now);
    }

    /** Flushes every client written to since the last flush, once each, then samples the latencies. */
    private void flushAll(long now) {
        int flushed = 0;
        for (int i = 0; i < toFlushCount; i++) {
            SubscriberSession s = toFlush[i];
            toFlush[i] = null;
            s.awaitingFlush = false;
            if (s.flush()) {
                flushed++;
            }
        }
        toFlushCount = 0;
        if (flushed > 0) {
            figures.clientFlushes.add(flushed);
        }
        lastFlushNanos = now;
        recordLatencies();
    }

    /** One sample per tick and loop, taken after the flush that put it on the sockets. */
    private void recordLatencies() {
        if (unflushed == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        for (int i = 0; i < unflushed; i++) {
            latency.record(now - unflushedReceived[i]);
        }
        unflushed = 0;
    }

    /** Rebuilds who wants which product from the clients' ticker filters. Off the tick path (after a change). */
    private void rebuildIndex() {
        indexStale = false;
        List<SubscriberSession> all = new ArrayList<>();
        List<List<SubscriberSession>> listed = new ArrayList<>();
        for (SubscriberSession s : sessions) {
            if (s.ticker.all()) {
                all.add(s);
                continue;
            }
            s.ticker.forEachListed(product -> {
                while (listed.size() <= product) {
                    listed.add(new ArrayList<>());
                }
                listed.get(product).add(s);
            });
        }
        allProducts = all.toArray(NONE);
        SubscriberSession[][] index = new SubscriberSession[listed.size()][];
        for (int p = 0; p < index.length; p++) {
            index[p] = listed.get(p).toArray(NONE);
        }
        byProduct = index;
    }

    /** An upstream connection went stale or recovered: tell the clients watching any of its products. */
    void broadcastStatus(ByteBuf frame, int[] products) {
        try {
            for (PluginLoop plugin : plugins) {
                plugin.onStatus(frame, products);
            }
            for (SubscriberSession s : sessions) {
                if (s.offerStatus(frame, products, lastSeq)) {
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
        for (PluginLoop plugin : plugins) {
            plugin.close();
        }
    }
}
