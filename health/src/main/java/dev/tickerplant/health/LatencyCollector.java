package dev.tickerplant.health;

import dev.tickerplant.ingest.metrics.LatencyRecorder;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * One latency recorder as a summary in seconds, {@code tickerplant_<name>_seconds}, plus its largest value as the
 * gauge {@code tickerplant_<name>_seconds_max}; both from one copy of the recorder's histogram per scrape.
 *
 * <p>The summary covers everything recorded since start. HdrHistogram keeps no exact sum, so {@code _sum} is the mean
 * of its buckets times the count: accurate to the histogram's three significant digits. Quantiles are NaN while
 * nothing was recorded, as Prometheus clients do.
 */
final class LatencyCollector implements MultiCollector {
    static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
    private static final Set<String> FIXED_FAMILIES =
            Arrays.stream(Metric.values()).map(Metric::familyName).collect(Collectors.toUnmodifiableSet());

    private final LatencyRecorder recorder;
    private final String family;

    LatencyCollector(LatencyRecorder recorder) {
        this.recorder = recorder;
        this.family = family(recorder.name());
    }

    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The summary family a recorder becomes. */
    static String family(String name) {
        return Metric.PREFIX + name + "_seconds";
    }

    /** True when a recorder's series (summary and {@code _max}) would reuse a fixed family's name. */
    static boolean clashesWithFixedFamily(String name) {
        String family = family(name);
        for (String series : List.of(family, family + "_sum", family + "_count", family + "_max")) {
            if (FIXED_FAMILIES.contains(series)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public MetricSnapshots collect() {
        Histogram histogram = recorder.cumulative();
        long count = histogram.getTotalCount();
        Quantiles.Builder quantiles = Quantiles.builder();
        for (double quantile : QUANTILES) {
            quantiles.quantile(quantile,
                    count == 0 ? Double.NaN : seconds(histogram.getValueAtPercentile(quantile * 100)));
        }
        SummarySnapshot summary = SummarySnapshot.builder().name(family).help(recorder.description())
                .dataPoint(SummaryDataPointSnapshot.builder()
                        .count(count)
                        .sum(count == 0 ? 0.0 : seconds(histogram.getMean() * count))
                        .quantiles(quantiles.build())
                        .build())
                .build();
        GaugeSnapshot max = GaugeSnapshot.builder().name(maxFamily()).help(maxHelp())
                .dataPoint(GaugeDataPointSnapshot.builder()
                        .value(count == 0 ? 0.0 : seconds(histogram.getMaxValue()))
                        .build())
                .build();
        return MetricSnapshots.of(summary, max);
    }

    /** Declared so the registry refuses another family whose names would collide with these. */
    @Override
    public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
        return List.of(MetricFamilyDescriptor.summary(family).help(recorder.description()).build(),
                MetricFamilyDescriptor.gauge(maxFamily()).help(maxHelp()).build());
    }

    private String maxFamily() {
        return family + "_max";
    }

    private String maxHelp() {
        return "Largest value of " + family + " since start.";
    }

    private static double seconds(double nanos) {
        return nanos / MetricFamilies.NANOS_PER_SECOND;
    }
}
