package dev.tickerplant.health;

import dev.tickerplant.ingest.upstream.UpstreamConductor;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The /health status and the coverage figures behind it, read once per scrape as /health reads them, so one page
 * never shows {@code status="ready"} next to a ratio the status rule would call degraded.
 */
final class CoverageCollector implements MultiCollector {
    static final String STATUS_LABEL = "status";

    private static final List<Metric> FAMILIES = List.of(Metric.HEALTH_STATUS, Metric.COVERAGE,
            Metric.CONNECTIONS_STREAMING, Metric.CONNECTIONS, Metric.PRODUCTS_RECEIVING, Metric.PRODUCTS_PLANNED);

    private final UpstreamConductor upstream;
    private final HealthEvaluator evaluator;
    private final Supplier<BusFigures> bus;

    CoverageCollector(UpstreamConductor upstream, HealthEvaluator evaluator, Supplier<BusFigures> bus) {
        this.upstream = upstream;
        this.evaluator = evaluator;
        this.bus = bus;
    }

    @Override
    public MetricSnapshots collect() {
        Coverage coverage = Coverage.of(upstream);
        HealthStatus status = evaluator.evaluate(coverage, bus != null ? bus.get() : null);
        GaugeSnapshot.Builder statuses = family(Metric.HEALTH_STATUS);
        for (HealthStatus each : HealthStatus.values()) {
            statuses.dataPoint(GaugeDataPointSnapshot.builder().value(each == status ? 1 : 0)
                    .labels(Labels.of(STATUS_LABEL, each.wireName())).build());
        }
        return MetricSnapshots.of(statuses.build(),
                single(Metric.COVERAGE, coverage.ratio()),
                single(Metric.CONNECTIONS_STREAMING, coverage.streaming()),
                single(Metric.CONNECTIONS, coverage.connections()),
                single(Metric.PRODUCTS_RECEIVING, coverage.receiving()),
                single(Metric.PRODUCTS_PLANNED, coverage.planned()));
    }

    /** Declared so the registry refuses another family of the same name when this one is registered. */
    @Override
    public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
        return FAMILIES.stream()
                .map(m -> MetricFamilyDescriptor.of(MetricType.GAUGE, new MetricMetadata(m.familyName(), m.help()),
                        m == Metric.HEALTH_STATUS ? Set.of(STATUS_LABEL) : Set.of()))
                .toList();
    }

    private static GaugeSnapshot single(Metric metric, double value) {
        return family(metric).dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot.Builder family(Metric metric) {
        return GaugeSnapshot.builder().name(metric.familyName()).help(metric.help());
    }
}
