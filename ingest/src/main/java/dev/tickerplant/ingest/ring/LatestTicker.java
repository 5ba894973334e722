package dev.tickerplant.ingest.ring;

import dev.tickerplant.ingest.codec.TickerSlot;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The latest accepted ticker of one product, written by the ring consumer only and read by any thread through a
 * sequence lock: the writer makes the version odd while it copies, readers retry until they saw one even version on
 * both sides of their copy. Readers never block the writer, and the writer never allocates.
 */
final class LatestTicker {
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(LatestTicker.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through VERSION
    private volatile long version;
    private final TickerSlot ticker = new TickerSlot();
    private long globalSeq;
    private long receivedEpochNanos;
    private int connectionId;

    /** Consumer thread only. */
    void write(TickEvent event) {
        long v = (long) VERSION.getOpaque(this);
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence();
        ticker.copyFrom(event.ticker);
        globalSeq = event.globalSeq;
        receivedEpochNanos = event.receivedEpochNanos;
        connectionId = event.connectionId;
        VERSION.setRelease(this, v + 2);
    }

    /** Any thread. Returns false when nothing was ever written. */
    boolean read(TickerSnapshot into) {
        while (true) {
            long before = (long) VERSION.getAcquire(this);
            if ((before & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            if (before == 0) {
                return false;
            }
            try {
                into.ticker.copyFrom(ticker);
            } catch (RuntimeException torn) {
                // A torn read can see an inconsistent length; the version check below sends us round again.
            }
            into.globalSeq = globalSeq;
            into.receivedEpochNanos = receivedEpochNanos;
            into.connectionId = connectionId;
            VarHandle.loadLoadFence();
            if ((long) VERSION.getOpaque(this) == before) {
                return true;
            }
        }
    }
}
