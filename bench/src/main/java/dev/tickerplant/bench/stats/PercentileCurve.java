package dev.tickerplant.bench.stats;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Latency at percentiles spaced evenly on the "number of nines" axis (50, 90, 99, 99.9, ... and the points between),
 * the usual way to plot a latency distribution's tail.
 */
public final class PercentileCurve {

    private PercentileCurve() {
    }

    /** A point of the curve: {@code nines} = -log10(1 - percentile / 100), latency in microseconds. */
    public record Point(double percentile, double nines, double micros) {
    }

    public static List<Point> of(Histogram histogram, double maxNines) {
        List<Point> points = new ArrayList<>();
        if (histogram.getTotalCount() == 0) {
            return points;
        }
        for (double nines = 0; nines <= maxNines + 1e-9; nines += 0.1) {
            double percentile = 100 * (1 - Math.pow(10, -nines));
            points.add(new Point(percentile, nines, histogram.getValueAtPercentile(percentile) / 1e3));
        }
        return points;
    }
}
