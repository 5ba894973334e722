package dev.tickerplant.fanout.alerts;

import dev.tickerplant.fanout.protocol.Decimals;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.ingest.ring.TickEvent;
import dev.tickerplant.ingest.ring.TickListener;
import java.util.Arrays;

/**
 * Watches each product's traded volume in fixed windows of {@code windowMinutes} (aligned to the epoch, by receive
 * time) and fires when the current window's volume exceeds {@code threshold} times the average of the previous
 * {@link #AVERAGED_WINDOWS} complete windows. Fires at most once per product and window.
 *
 * <p>Traded volume is the Exchange {@code last_size} when the tick has one, else the positive change of the 24 h
 * volume since the product's previous tick (it also falls when old trades leave the 24 h window; those drops are not
 * trades and are ignored). The first, partial window of each product is left out of the average.
 *
 * <p>Runs on the ring consumer thread; allocation-free per tick (arrays grow only when a new product appears).
 */
public final class VolumeAlerts implements TickListener {
    /** How many complete windows the average spans (an hour at the default 5 minutes). */
    public static final int AVERAGED_WINDOWS = 12;
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    /** Receives alerts on the consumer thread, in tick order. */
    @FunctionalInterface
    public interface Sink {
        void onVolumeAlert(TickEvent event, int windowMinutes, double volume, double average, double threshold);
    }

    private final int windowMinutes;
    private final long windowNanos;
    /** Written by a reload on another thread, read per tick by the consumer: a plain volatile read, no lock. */
    private volatile double threshold;
    private final Sink sink;

    // Per product index; consumer thread only.
    private long[] currentWindow = new long[0];
    private long[] firstWindow = new long[0];
    private double[] currentVolume = new double[0];
    private double[] lastVolume24h = new double[0];
    private boolean[] alerted = new boolean[0];
    private double[][] completed = new double[0][];
    private int[] completedCount = new int[0];
    private int[] completedNext = new int[0];

    public VolumeAlerts(int windowMinutes, double threshold, Sink sink) {
        if (windowMinutes < 1) {
            throw new IllegalArgumentException("windowMinutes: " + windowMinutes + " (expected: >= 1)");
        }
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold: " + threshold + " (expected: > 0)");
        }
        this.windowMinutes = windowMinutes;
        this.windowNanos = windowMinutes * NANOS_PER_MINUTE;
        this.threshold = threshold;
        this.sink = sink;
    }

    /** The multiple of the average that fires an alert, from the next tick on (a reload of the settings). */
    public void threshold(double next) {
        if (!(next > 0)) {
            throw new IllegalArgumentException("threshold: " + next + " (expected: > 0)");
        }
        this.threshold = next;
    }

    @Override
    public void onTick(TickEvent event) {
        int p = event.productIndex;
        if (p < 0) {
            return;
        }
        ensureCapacity(p);
        long window = Math.floorDiv(event.receivedEpochNanos, windowNanos);
        if (currentWindow[p] == Long.MIN_VALUE) {
            currentWindow[p] = window;
            firstWindow[p] = window;
        } else if (window > currentWindow[p]) {
            roll(p, window);
        }
        double traded = tradedVolume(p, event.ticker);
        if (!(traded > 0) || window < currentWindow[p]) {
            return; // nothing traded, or a late tick from a window already closed
        }
        currentVolume[p] += traded;
        if (alerted[p] || completedCount[p] == 0) {
            return;
        }
        double average = average(p);
        double threshold = this.threshold;
        if (average > 0 && currentVolume[p] > threshold * average) {
            alerted[p] = true;
            sink.onVolumeAlert(event, windowMinutes, currentVolume[p], average, threshold);
        }
    }

    private double tradedVolume(int p, TickerSlot ticker) {
        double lastSize = Decimals.parse(ticker.field(TickField.LAST_SIZE));
        double volume24h = Decimals.parse(ticker.field(TickField.VOLUME_24H));
        double previous = lastVolume24h[p];
        if (!Double.isNaN(volume24h)) {
            lastVolume24h[p] = volume24h;
        }
        if (!Double.isNaN(lastSize)) {
            return lastSize;
        }
        if (Double.isNaN(volume24h) || Double.isNaN(previous)) {
            return 0;
        }
        return Math.max(0, volume24h - previous);
    }

    /** Closes the current window (and any empty ones skipped since) into the averaged history. */
    private void roll(int p, long window) {
        long from = currentWindow[p];
        long closedWindows = Math.min(window - from, AVERAGED_WINDOWS);
        for (long i = 0; i < closedWindows; i++) {
            long closing = window - closedWindows + i;
            double volume = closing == from ? currentVolume[p] : 0;
            if (closing != firstWindow[p]) {
                double[] ring = completed[p];
                ring[completedNext[p]] = volume;
                completedNext[p] = (completedNext[p] + 1) % AVERAGED_WINDOWS;
                completedCount[p] = Math.min(completedCount[p] + 1, AVERAGED_WINDOWS);
            }
        }
        currentWindow[p] = window;
        currentVolume[p] = 0;
        alerted[p] = false;
    }

    private double average(int p) {
        double sum = 0;
        double[] ring = completed[p];
        for (int i = 0; i < completedCount[p]; i++) {
            sum += ring[i];
        }
        return sum / completedCount[p];
    }

    private void ensureCapacity(int p) {
        if (p < currentWindow.length) {
            return;
        }
        int n = Math.max(p + 1, currentWindow.length * 2);
        int old = currentWindow.length;
        currentWindow = Arrays.copyOf(currentWindow, n);
        firstWindow = Arrays.copyOf(firstWindow, n);
        currentVolume = Arrays.copyOf(currentVolume, n);
        lastVolume24h = Arrays.copyOf(lastVolume24h, n);
        alerted = Arrays.copyOf(alerted, n);
        completed = Arrays.copyOf(completed, n);
        completedCount = Arrays.copyOf(completedCount, n);
        completedNext = Arrays.copyOf(completedNext, n);
        for (int i = old; i < n; i++) {
            currentWindow[i] = Long.MIN_VALUE;
            lastVolume24h[i] = Double.NaN;
            completed[i] = new double[AVERAGED_WINDOWS];
        }
    }
}
