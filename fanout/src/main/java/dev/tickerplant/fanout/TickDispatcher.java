package dev.tickerplant.fanout;

import dev.tickerplant.fanout.alerts.VolumeAlerts;
import dev.tickerplant.fanout.history.TickHistory;
import dev.tickerplant.fanout.protocol.Decimals;
import dev.tickerplant.fanout.protocol.FrameDeflater;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.ServerMessages;
import dev.tickerplant.fanout.protocol.TickerJson;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.TickEvent;
import dev.tickerplant.ingest.ring.TickListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fanout's {@link TickListener} on the ring consumer thread. Each accepted tick is encoded once: its JSON payload
 * goes into the history and, as a complete WebSocket frame, onto the end of the current {@link FrameBatch}'s native
 * buffer. While a plug-in endpoint has clients, the tick is also encoded once in that plug-in's {@link Encoding} onto
 * that encoding's buffer. While a client that negotiated permessage-deflate takes an encoding's complete frames, each
 * frame is also deflated once onto that encoding's compressed twin. At the end of a ring batch (or when the batch is
 * full) the batch is handed to every worker loop with one task each.
 * Allocation-free in steady state: the JSON scratch, the batches and their tasks are reused; the batches' buffers come
 * from Netty's pooled allocator and go back to it on this thread.
 */
final class TickDispatcher implements TickListener, VolumeAlerts.Sink {
    private static final Logger log = LoggerFactory.getLogger(TickDispatcher.class);
    private static final LoopFanout[] NO_LOOPS = new LoopFanout[0];
    private static final Encoding[] NO_PLUGINS = new Encoding[0];

    private final TickHistory history;
    private final VolumeAlerts alerts;
    private final ByteBufAllocator alloc;
    private final ServerFigures figures;
    private final JsonBytes json = new JsonBytes(1024);
    private final FrameDeflater deflater = new FrameDeflater();
    /** The plug-ins' encodings: plug-in {@code p}'s is encoding number {@code p + 1} (0 is the native one). */
    private final Encoding[] plugins;
    /** Plain encodings: the native one and the plug-ins'. */
    private final int encodings;
    private volatile LoopFanout[] loops = NO_LOOPS;
    private volatile boolean stopped;

    // Consumer thread only.
    private LoopFanout[] poolLoops = NO_LOOPS;
    /** Free batches kept for reuse beyond what is out; more are let go every {@link #TRIM_EVERY} batches. */
    static final int POOL_KEEP = 64;
    static final int TRIM_EVERY = 1024;
    /** Copy-on-write: it changes rarely, and tests read it from other threads. */
    private final List<FrameBatch> pool = new CopyOnWriteArrayList<>();
    private int poolCursor;
    private int takenSinceTrim;
    private FrameBatch current;
    private long failures;

    TickDispatcher(TickHistory history, int windowMinutes, double volumeThreshold, ByteBufAllocator alloc) {
        this(history, windowMinutes, volumeThreshold, alloc, new ServerFigures(), List.of());
    }

    /**
     * @param figures whose client counts per encoding say which plug-in encodings are needed
     * @param plugins the plug-ins' encodings, in the order of their numbers
     */
    TickDispatcher(TickHistory history, int windowMinutes, double volumeThreshold, ByteBufAllocator alloc,
                   ServerFigures figures, List<Encoding> plugins) {
        this.history = history;
        this.plugins = plugins.toArray(NO_PLUGINS);
        this.encodings = this.plugins.length + 1;
        this.alloc = alloc;
        this.figures = figures;
        this.alerts = new VolumeAlerts(windowMinutes, volumeThreshold, this);
    }

    /** Starts handing batches to these loops (the server started). */
    void loops(LoopFanout[] value) {
        loops = value.clone();
    }

    /** The server closed: ignore ticks from now on (the market keeps its listeners). */
    void volumeThreshold(double threshold) {
        alerts.threshold(threshold);
    }

    void stop() {
        stopped = true;
        loops = NO_LOOPS;
    }

    @Override
    public void onTick(TickEvent event) {
        if (stopped) {
            return;
        }
        try {
            json.reset();
            TickerJson.write(json, event.ticker, event.globalSeq, event.receivedEpochNanos);
            history.append(event.globalSeq, event.productIndex, json.array(), json.length());
            LoopFanout[] targets = loops;
            if (targets.length > 0) {
                if (current == null) {
                    current = takeBatch(targets);
                }
                FrameBatch batch = current;
                int i = batch.add(FrameBatch.TICKER, event.productIndex, event.globalSeq, event.receivedNanos,
                        Decimals.parse(event.ticker.field(TickField.PRICE)), event.ticker.exchangeSequence,
                        event.ticker.tradeId);
                appendFrame(batch, i, json);
                if (hasClients(FrameBatch.compressed(FrameBatch.NATIVE, encodings))) {
                    appendCompressed(batch, i, json.array(), json.length());
                }
                // A client counted here connected before its subscribe read the market, so every tick it can be sent
                // after its snapshot is encoded for it (the count is read after the market published this tick).
                for (int p = 0; p < plugins.length; p++) {
                    if (hasClients(p + 1)) {
                        appendPlugin(batch, i, p + 1, plugins[p], event);
                    }
                }
                if (batch.isFull()) {
                    handOff();
                }
            }
            alerts.onTick(event);
        } catch (RuntimeException e) {
            // Never let the consumer thread die: market state and every other listener depend on it.
            if (failures++ % 10_000 == 0) {
                log.error("fanout could not encode tick seq {} ({} failures so far)", event.globalSeq, failures, e);
            }
        }
    }

    /** Appends {@code payload} as one complete WebSocket text frame to the batch's native buffer. */
    private void appendFrame(FrameBatch batch, int entry, JsonBytes payload) {
        ByteBuf out = batch.output(FrameBatch.NATIVE, alloc);
        int start = out.writerIndex();
        WebSocketFrames.appendText(out, payload.array(), 0, payload.length());
        batch.encoded(FrameBatch.NATIVE, entry, start, out.writerIndex());
    }

    private boolean hasClients(int encoding) {
        return figures.clientsOf(encoding).get() > 0;
    }

    /** Appends {@code payload} as one permessage-deflate message to the native encoding's compressed twin. */
    private void appendCompressed(FrameBatch batch, int entry, byte[] payload, int length) {
        int twin = FrameBatch.compressed(FrameBatch.NATIVE, encodings);
        ByteBuf out = batch.output(twin, alloc);
        int start = out.writerIndex();
        deflater.appendText(payload, 0, length, out);
        batch.encoded(twin, entry, start, out.writerIndex());
        figures.framesCompressed.increment();
    }

    /**
     * Appends the tick in a plug-in's encoding. A plug-in that fails leaves the entry without bytes in its encoding
     * (its clients miss this tick) and harms neither the buffer nor the other encodings.
     */
    private void appendPlugin(FrameBatch batch, int entry, int encoding, Encoding plugin, TickEvent event) {
        ByteBuf out = batch.output(encoding, alloc);
        int start = out.writerIndex();
        try {
            plugin.encode(event, out);
            batch.encoded(encoding, entry, start, out.writerIndex());
        } catch (RuntimeException e) {
            out.writerIndex(start);
            if (failures++ % 10_000 == 0) {
                log.error("fanout could not encode tick seq {} as {} ({} failures so far)", event.globalSeq,
                        plugin.name(), failures, e);
            }
            return;
        }
        int twin = FrameBatch.compressed(encoding, encodings);
        if (plugin.completeFrames() && hasClients(twin)) {
            ByteBuf compressed = batch.output(twin, alloc);
            int twinStart = compressed.writerIndex();
            deflater.appendFrames(out, start, out.writerIndex() - start, compressed);
            batch.encoded(twin, entry, twinStart, compressed.writerIndex());
            figures.framesCompressed.increment();
        }
    }

    @Override
    public void onVolumeAlert(TickEvent event, int windowMinutes, double volume, double average, double threshold) {
        LoopFanout[] targets = loops;
        if (targets.length == 0) {
            return;
        }
        byte[] payload = ServerMessages.volumeAlert(event.ticker.productId.toString(), windowMinutes, volume,
                average, threshold, event.receivedEpochNanos);
        if (current == null) {
            current = takeBatch(targets);
        }
        int i = current.add(FrameBatch.ALERT, event.productIndex, event.globalSeq, event.receivedNanos, Double.NaN,
                -1, -1);
        ByteBuf out = current.output(FrameBatch.NATIVE, alloc);
        int start = out.writerIndex();
        WebSocketFrames.appendText(out, payload, 0, payload.length);
        current.encoded(FrameBatch.NATIVE, i, start, out.writerIndex());
        if (hasClients(FrameBatch.compressed(FrameBatch.NATIVE, encodings))) {
            appendCompressed(current, i, payload, payload.length);
        }
        if (current.isFull()) {
            handOff();
        }
    }

    @Override
    public void onBatchEnd() {
        handOff();
        recycleFinished();
    }

    /**
     * The consumer thread ends: release our reference to every buffer the loops are done with (sockets still sending
     * a slice release theirs when they are done), or never got.
     */
    @Override
    public void onShutdown() {
        if (current != null) {
            current.recycle();
            current = null;
        }
        for (FrameBatch batch : pool) {
            if (batch.loopsDone()) {
                batch.recycle();
            }
        }
    }

    /**
     * References to batch buffers held outside the batches themselves (slices on their way to sockets), over every
     * batch made so far; 0 once every client has taken or dropped what it was given. Any thread; for tests.
     */
    int outstandingSlices() {
        int n = 0;
        for (FrameBatch batch : pool) {
            n += batch.outstandingSlices();
        }
        return n;
    }

    /**
     * Lets go of free batches beyond {@link #POOL_KEEP}, their buffers back to the allocator: slow clients can keep
     * thousands of batches out at once (a slice each), and the pool must not stay that large once they caught up.
     */
    private void trimPool() {
        int[] excess = {pool.size() - POOL_KEEP};
        if (excess[0] <= 0) {
            return;
        }
        pool.removeIf(batch -> {
            if (excess[0] > 0 && batch.isFree()) {
                batch.recycle();
                excess[0]--;
                return true;
            }
            return false;
        });
        poolCursor = 0;
    }

    /** Batches made and still kept for reuse. Any thread; for tests. */
    int pooledBatches() {
        return pool.size();
    }

    /** Batches a loop or a socket still has. Any thread; for tests. */
    int batchesOut() {
        int n = 0;
        for (FrameBatch batch : pool) {
            n += batch.isFree() ? 0 : 1;
        }
        return n;
    }

    /** Releases the frames of batches the loops are done with, on the thread that allocated them. */
    private void recycleFinished() {
        for (int i = 0; i < pool.size(); i++) {
            FrameBatch batch = pool.get(i);
            if (batch.isFree()) {
                batch.recycle();
            }
        }
    }

    private void handOff() {
        FrameBatch batch = current;
        if (batch == null) {
            return;
        }
        current = null;
        LoopFanout[] targets = poolLoops;
        batch.handingTo(targets.length);
        for (int i = 0; i < targets.length; i++) {
            targets[i].handOff(batch, batch.tasks[i]);
        }
    }

    /** A free batch for these loops; batches are made once and reused (their old frames released here). */
    private FrameBatch takeBatch(LoopFanout[] targets) {
        if (targets != poolLoops) {
            recycleFinished();
            pool.clear(); // loops changed (start): batches still out are dropped once their loops are done
            poolLoops = targets;
            poolCursor = 0;
        }
        if (++takenSinceTrim >= TRIM_EVERY) {
            takenSinceTrim = 0;
            trimPool();
        }
        for (int n = 0; n < pool.size(); n++) {
            FrameBatch candidate = pool.get(poolCursor);
            poolCursor = (poolCursor + 1) % pool.size();
            if (candidate.isFree()) {
                candidate.recycle();
                candidate.take();
                return candidate;
            }
        }
        FrameBatch fresh = new FrameBatch(targets, plugins.length + 1);
        pool.add(fresh);
        fresh.take();
        return fresh;
    }
}
