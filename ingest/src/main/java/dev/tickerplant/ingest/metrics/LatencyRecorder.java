package dev.tickerplant.ingest.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency distribution that one stage records into and any thread may read. Recording is wait-free and allocates
 * nothing (HdrHistogram's {@link Recorder}); reading swaps the interval histogram out and folds it into a running total.
 */
public final class LatencyRecorder {
    private static final long HIGHEST_TRACKABLE_NANOS = 60_000_000_000L;

    private final String name;
    private final String description;
    private final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_NANOS, 3);
    private final Histogram total = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
    private Histogram interval;

    /**
     * @param name        metric-style name, e.g. {@code exchange_to_receive}
     * @param description one line for /metrics HELP
     */
    public LatencyRecorder(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** Records one latency; negative values (clock skew between hosts) are recorded as 0, huge ones are clamped. */
    public void record(long nanos) {
        recorder.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_TRACKABLE_NANOS));
    }

    /** A copy of everything recorded since start. */
    public synchronized Histogram cumulative() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return total.copy();
    }
}
