package dev.tickerplant.bench.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The percentiles the report shows, in microseconds.
 *
 * @param count samples behind the figures
 */
public record LatencySummary(long count, double p50Micros, double p90Micros, double p99Micros, double p999Micros,
                             double maxMicros) {

    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    public LatencySummary {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
        }
    }

    /** From a histogram of nanoseconds. */
    public static LatencySummary ofNanos(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(histogram.getTotalCount(), micros(histogram, 50), micros(histogram, 90),
                micros(histogram, 99), micros(histogram, 99.9), histogram.getMaxValue() / 1e3);
    }

    /** Back from {@link #toJson()}; missing figures read as NaN. */
    public static LatencySummary fromJson(Object json) {
        if (!(json instanceof Map<?, ?> map) || !(map.get("count") instanceof Number count) || count.longValue() == 0) {
            return EMPTY;
        }
        return new LatencySummary(count.longValue(), number(map, "p50_us"), number(map, "p90_us"),
                number(map, "p99_us"), number(map, "p99_9_us"), number(map, "max_us"));
    }

    private static double number(Map<?, ?> map, String key) {
        return map.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static double micros(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", count);
        json.put("p50_us", p50Micros);
        json.put("p90_us", p90Micros);
        json.put("p99_us", p99Micros);
        json.put("p99_9_us", p999Micros);
        json.put("max_us", maxMicros);
        return json;
    }
}
