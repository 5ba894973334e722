package dev.tickerplant.bench.subscriber;

import dev.tickerplant.bench.stats.HistogramCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What all the clients of one subscriber process measured since the last {@link #reset()}. Recording is wait-free
 * from any event loop (HdrHistogram {@link Recorder}s and adders); a report swaps the histograms out.
 */
final class SubscriberFigures {

    /** Anything slower than a minute is clamped: the run would have failed long before. */
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Intended send time (exchange_time) to this process reading the message. */
    private final Recorder endToEnd = new Recorder(HIGHEST_NANOS, 3);
    /** The daemon reading the tick (receive_time) to this process reading the message. */
    private final Recorder daemonToSubscriber = new Recorder(HIGHEST_NANOS, 3);
    final LongAdder tickers = new LongAdder();
    final LongAdder seqGaps = new LongAdder();
    final LongAdder missedTicks = new LongAdder();
    final LongAdder negativeLatencies = new LongAdder();
    /** Bytes read off the sockets, as they came on the wire (compressed when the server compressed them). */
    final LongAdder wireBytes = new LongAdder();
    final AtomicLong subscribed = new AtomicLong();
    final AtomicLong connected = new AtomicLong();
    final AtomicLong closed = new AtomicLong();
    private volatile long windowStartNanos = System.nanoTime();

    void record(long exchangeTimeNanos, long receiveTimeNanos, long nowEpochNanos) {
        tickers.increment();
        if (exchangeTimeNanos != TickerFields.ABSENT) {
            long latency = nowEpochNanos - exchangeTimeNanos;
            if (latency < 0) {
                negativeLatencies.increment(); // clocks of two processes disagree by more than the latency
            }
            endToEnd.recordValue(Math.min(Math.max(latency, 0), HIGHEST_NANOS));
        }
        if (receiveTimeNanos != TickerFields.ABSENT) {
            daemonToSubscriber.recordValue(Math.min(Math.max(nowEpochNanos - receiveTimeNanos, 0), HIGHEST_NANOS));
        }
    }

    void gap(long missed) {
        seqGaps.increment();
        missedTicks.add(missed);
    }

    /** Starts a new measurement window: everything recorded so far is discarded. */
    void reset() {
        endToEnd.getIntervalHistogram();
        daemonToSubscriber.getIntervalHistogram();
        tickers.reset();
        seqGaps.reset();
        missedTicks.reset();
        negativeLatencies.reset();
        wireBytes.reset();
        windowStartNanos = System.nanoTime();
    }

    /** The window so far, as one JSON-ready map; starts the next window. */
    Map<String, Object> report(long droppedByServer) {
        Histogram e2e = endToEnd.getIntervalHistogram();
        Histogram d2s = daemonToSubscriber.getIntervalHistogram();
        long now = System.nanoTime();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("window_s", (now - windowStartNanos) / 1e9);
        json.put("connected", connected.get());
        json.put("subscribed", subscribed.get());
        json.put("closed", closed.get());
        json.put("tickers", tickers.sumThenReset());
        json.put("seq_gaps", seqGaps.sumThenReset());
        json.put("missed_ticks", missedTicks.sumThenReset());
        json.put("negative_latencies", negativeLatencies.sumThenReset());
        json.put("wire_bytes", wireBytes.sumThenReset());
        json.put("dropped_by_server", droppedByServer);
        json.put("end_to_end", HistogramCodec.encode(e2e));
        json.put("daemon_to_subscriber", HistogramCodec.encode(d2s));
        windowStartNanos = now;
        return json;
    }
}
