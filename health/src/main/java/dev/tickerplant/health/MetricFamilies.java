package dev.tickerplant.health;

import dev.tickerplant.fanout.FanoutView;
import dev.tickerplant.ingest.metrics.LatencyRecorder;
import dev.tickerplant.ingest.ring.MarketView;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.DoubleSupplier;
import java.util.function.IntToDoubleFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Registers every family /metrics exports on a registry of its own (not the library's global default, so several
 * daemons in one JVM do not collide). Nothing is counted here: each family is a callback that reads, when a scrape
 * asks, the figures the stages already keep (adders, volatile fields, the ring's sequences), so the tick path
 * carries no second bookkeeping. Families that must agree within one scrape are read together by a collector:
 * {@link CoverageCollector} for the status and coverage, {@link LatencyCollector} for each latency summary.
 */
final class MetricFamilies {
    static final String CONNECTION_LABEL = "connection";
    static final String LEG_LABEL = "leg";
    static final String RESULT_LABEL = "result";
    static final double NANOS_PER_SECOND = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();

    private MetricFamilies() {
    }

    /** A new registry holding every family; fails like {@link PrometheusRegistry#register} on a name used twice. */
    static PrometheusRegistry registry(HealthSources sources, HealthEvaluator evaluator) {
        MetricFamilies families = new MetricFamilies();
        families.process(sources.version(), sources.startedNanos(), sources.nanoTime());
        families.registry.register(new CoverageCollector(sources.upstream(),
                evaluator, sources.bus()));
        families.single(Metric.PRODUCTS_ACTIVE, () -> HealthJson.activeTickers(sources.market()));
        families.connections(sources.upstream(), sources.nanoTime());
        families.legs(sources.upstream(), sources.market());
        families.ring(sources.ring(), sources.market());
        families.fanout(sources.fanout());
        if (sources.bus() != null) {
            families.bus(sources.bus());
        }
        if (sources.catalog() != null) {
            families.catalog(sources.catalog());
        }
        for (LatencyRecorder recorder : sources.allLatencies()) {
            families.registry.register(new LatencyCollector(recorder));
        }
        return families.registry;
    }

    private void process(String version, long startedNanos, LongSupplier nanoTime) {
        Info.builder().name(Metric.BUILD_INFO.familyName()).help(Metric.BUILD_INFO.help()).labelNames("version")
                .register(registry)
                .setLabelValues(version);
        single(Metric.UP, () -> 1);
        single(Metric.UPTIME, () -> Math.max(0, nanoTime.getAsLong() - startedNanos) / NANOS_PER_SECOND);
    }

    private void connections(UpstreamConductor upstream, LongSupplier nanoTime) {
        perConnection(upstream, Metric.UPSTREAM_STREAMING, s -> s.streaming() ? 1 : 0);
        perConnection(upstream, Metric.UPSTREAM_PRODUCTS, s -> s.products.size());
        perConnection(upstream, Metric.UPSTREAM_FLOWING, UpstreamStats::flowingProducts);
        // Absent for a connection that has not had a frame yet: an age since "never" would be a made-up number.
        register(Metric.UPSTREAM_LAST_FRAME_AGE, new String[] {CONNECTION_LABEL}, out -> {
            long now = nanoTime.getAsLong();
            for (UpstreamStats s : upstream.stats()) {
                long lastFrame = s.lastFrameNanos();
                if (lastFrame != 0) {
                    out.sample(Math.max(0, now - lastFrame) / NANOS_PER_SECOND, s.name);
                }
            }
        });
        perConnection(upstream, Metric.UPSTREAM_FRAMES, s -> s.frames.sum());
        perConnection(upstream, Metric.UPSTREAM_TICKERS, s -> s.tickers.sum());
        perConnection(upstream, Metric.UPSTREAM_HEARTBEATS, s -> s.heartbeats.sum());
        perConnection(upstream, Metric.UPSTREAM_SEQUENCE_GAPS, s -> s.sequenceGaps.sum());
        perConnection(upstream, Metric.UPSTREAM_MISSED, s -> s.missedMessages.sum());
        perConnection(upstream, Metric.UPSTREAM_OUT_OF_ORDER, s -> s.outOfOrder.sum());
        perConnection(upstream, Metric.UPSTREAM_RECONNECTS, s -> s.reconnects.sum());
        perConnection(upstream, Metric.UPSTREAM_GOING_AWAY, s -> s.goingAway.sum());
        perConnection(upstream, Metric.UPSTREAM_MALFORMED, s -> s.malformedFrames.sum());
        perConnection(upstream, Metric.UPSTREAM_ERRORS, s -> s.errorMessages.sum());
        perConnection(upstream, Metric.UPSTREAM_WATCHDOG, s -> s.watchdogExpiries.sum());
        perConnection(upstream, Metric.UPSTREAM_ROTATIONS, s -> s.rotations.sum());
        perConnection(upstream, Metric.UPSTREAM_CONNECT_ATTEMPTS, s -> s.connectAttempts.sum());
    }

    /** Samples only with redundant legs; with one leg the families have none and are left off the page. */
    private void legs(UpstreamConductor upstream, MarketView market) {
        perLeg(upstream, Metric.LEG_STREAMING, leg -> LegFigures.streaming(upstream, leg));
        perLeg(upstream, Metric.LEG_WINS, market::legWins);
        perLeg(upstream, Metric.LEG_LOSSES, market::legLosses);
    }

    private void ring(TickRing ring, MarketView market) {
        single(Metric.RING_CAPACITY, ring::capacity);
        single(Metric.RING_FILL, () -> (double) (ring.capacity() - ring.remainingCapacity()) / ring.capacity());
        single(Metric.RING_PUBLISHED, ring::published);
        single(Metric.RING_DROPPED, ring::dropped);
        single(Metric.TICKS_ACCEPTED, market::accepted);
        single(Metric.TICKS_DUPLICATES, market::duplicates);
    }

    /** Zeros while no fanout is wired, so dashboards and alerts see the series from the start. */
    private void fanout(FanoutView fanout) {
        fromFanout(fanout, Metric.SUBSCRIBERS, FanoutView::subscriberCount);
        fromFanout(fanout, Metric.FANOUT_MESSAGES, FanoutView::messagesSent);
        fromFanout(fanout, Metric.FANOUT_CONFLATED, FanoutView::dropped);
        fromFanout(fanout, Metric.FANOUT_BACKLOG, FanoutView::backlog);
        fromFanout(fanout, Metric.FANOUT_COALESCED, FanoutView::batchesCoalesced);
        fromFanout(fanout, Metric.FANOUT_FLUSHES, FanoutView::clientFlushes);
        fromFanout(fanout, Metric.FANOUT_COMMAND_ERRORS, FanoutView::commandErrors);
        fromFanout(fanout, Metric.FANOUT_SLOW_CLIENTS_CLOSED, FanoutView::slowClientsClosed);
        fromFanout(fanout, Metric.HTTP_SLOW_REQUESTS_CLOSED, FanoutView::slowRequestsClosed);
    }

    /** Only on a node that uses the bus; each family reads its own snapshot of the figures. */
    private void bus(Supplier<BusFigures> bus) {
        single(Metric.BUS_CONNECTED, () -> bus.get().connected() ? 1 : 0);
        single(Metric.BUS_UNREACHABLE, () -> bus.get().unreachableMillis() / 1e3);
        single(Metric.BUS_STORED, () -> bus.get().stored());
        single(Metric.BUS_DUPLICATES, () -> bus.get().duplicates());
        single(Metric.BUS_RETRIED, () -> bus.get().retried());
        single(Metric.BUS_DROPPED, () -> bus.get().dropped());
        single(Metric.BUS_PENDING_ACKS, () -> bus.get().pendingAcks());
        single(Metric.BUS_BUFFERED, () -> bus.get().buffered());
        single(Metric.BUS_DELIVERED, () -> bus.get().delivered());
        single(Metric.BUS_LAST_SEQ, () -> bus.get().lastSequence());
        single(Metric.BUS_LAG, () -> bus.get().lag());
        single(Metric.BUS_MALFORMED, () -> bus.get().malformed());
    }

    /**
     * Only on a node that follows products from the catalog. Both results are always written, zeros included, so that
     * an alert comparing them has both series from the start.
     */
    private void catalog(Supplier<CatalogFigures> catalog) {
        register(Metric.CATALOG_REFRESHES, new String[] {RESULT_LABEL}, out -> {
            CatalogFigures now = catalog.get();
            out.sample(now.refreshesOk(), "ok");
            out.sample(now.refreshesFailed(), "failed");
        });
        single(Metric.CATALOG_LAST_REFRESH, () -> catalog.get().lastRefreshEpochMillis() / 1e3);
        single(Metric.PRODUCTS_FOLLOWED, () -> catalog.get().productsFollowed());
    }

    private void fromFanout(FanoutView fanout, Metric metric, ToDoubleFunction<FanoutView> value) {
        single(metric, () -> fanout != null ? value.applyAsDouble(fanout) : 0);
    }

    private void single(Metric metric, DoubleSupplier value) {
        register(metric, new String[0], out -> out.sample(value.getAsDouble()));
    }

    private void perConnection(UpstreamConductor upstream, Metric metric, ToDoubleFunction<UpstreamStats> value) {
        register(metric, new String[] {CONNECTION_LABEL}, out -> {
            for (UpstreamStats s : upstream.stats()) {
                out.sample(value.applyAsDouble(s), s.name);
            }
        });
    }

    private void perLeg(UpstreamConductor upstream, Metric metric, IntToDoubleFunction value) {
        register(metric, new String[] {LEG_LABEL}, out -> {
            int legs = upstream.redundancy();
            for (int leg = 0; leg < legs && legs > 1; leg++) {
                out.sample(value.applyAsDouble(leg), LegFigures.name(leg));
            }
        });
    }

    /** A counter or gauge, as the metric's type says, whose samples {@code series} reads at scrape time. */
    private void register(Metric metric, String[] labelNames, Series series) {
        if (metric.type() == MetricType.COUNTER) {
            CounterWithCallback.builder().name(metric.familyName()).help(metric.help()).labelNames(labelNames)
                    .callback(callback -> series.read(callback::call))
                    .register(registry);
        } else if (metric.type() == MetricType.GAUGE) {
            GaugeWithCallback.builder().name(metric.familyName()).help(metric.help()).labelNames(labelNames)
                    .callback(callback -> series.read(callback::call))
                    .register(registry);
        } else {
            throw new IllegalArgumentException(metric + ": type " + metric.type() + " (expected: counter or gauge)");
        }
    }

    /** Reads one family's samples when a scrape asks for them. */
    @FunctionalInterface
    private interface Series {
        void read(Sample out);
    }

    @FunctionalInterface
    private interface Sample {
        void sample(double value, String... labelValues);
    }
}
