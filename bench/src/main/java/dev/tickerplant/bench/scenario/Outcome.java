package dev.tickerplant.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a scenario measured: its figures as JSON-ready values, and the latency histograms (nanoseconds) the plots
 * draw, by series name.
 */
public record Outcome(Map<String, Object> figures, Map<String, Histogram> histograms) {

    public Outcome {
        figures = new LinkedHashMap<>(figures);
        histograms = new LinkedHashMap<>(histograms);
    }

    public static Outcome of(Map<String, Object> figures) {
        return new Outcome(figures, Map.of());
    }
}
