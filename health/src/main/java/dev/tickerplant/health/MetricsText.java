package dev.tickerplant.health;

import dev.tickerplant.fanout.FanoutView;
import dev.tickerplant.ingest.metrics.LatencyRecorder;
import dev.tickerplant.ingest.ring.MarketView;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.ingest.upstream.UpstreamStats;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * {@code GET /metrics}: every counter and gauge in the Prometheus text format, per-connection series labelled
 * {@code connection="conn-07"}, and each latency recorder as a summary in seconds.
 */
final class MetricsText {
    static final String CONNECTION_LABEL = "connection";
    static final String LEG_LABEL = "leg";
    static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

    private static final Pattern LATENCY_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
    private static final Set<String> FIXED_FAMILIES =
            Arrays.stream(Metric.values()).map(Metric::familyName).collect(Collectors.toUnmodifiableSet());
    private static final double NANOS_PER_SECOND = 1e9;

    /** The cumulative upstream counters, exported per connection. */
    private static final List<PerConnection> UPSTREAM_COUNTERS = List.of(
            new PerConnection(Metric.UPSTREAM_FRAMES, s -> s.frames),
            new PerConnection(Metric.UPSTREAM_TICKERS, s -> s.tickers),
            new PerConnection(Metric.UPSTREAM_HEARTBEATS, s -> s.heartbeats),
            new PerConnection(Metric.UPSTREAM_SEQUENCE_GAPS, s -> s.sequenceGaps),
            new PerConnection(Metric.UPSTREAM_MISSED, s -> s.missedMessages),
            new PerConnection(Metric.UPSTREAM_OUT_OF_ORDER, s -> s.outOfOrder),
            new PerConnection(Metric.UPSTREAM_RECONNECTS, s -> s.reconnects),
            new PerConnection(Metric.UPSTREAM_MALFORMED, s -> s.malformedFrames),
            new PerConnection(Metric.UPSTREAM_ERRORS, s -> s.errorMessages),
            new PerConnection(Metric.UPSTREAM_WATCHDOG, s -> s.watchdogExpiries),
            new PerConnection(Metric.UPSTREAM_ROTATIONS, s -> s.rotations),
            new PerConnection(Metric.UPSTREAM_CONNECT_ATTEMPTS, s -> s.connectAttempts));

    private final HealthSources sources;
    private final HealthEvaluator evaluator;

    MetricsText(HealthSources sources) {
        this.sources = sources;
        this.evaluator = new HealthEvaluator(sources.thresholds());
    }

    static boolean isValidLatencyName(String name) {
        return name != null && LATENCY_NAME.matcher(name).matches();
    }

    /** The summary family a latency recorder becomes. */
    static String latencyFamily(String name) {
        return Metric.PREFIX + name + "_seconds";
    }

    /** True when a recorder's families (summary and {@code _max}) would reuse a fixed family's name. */
    static boolean clashesWithFixedFamily(String name) {
        String family = latencyFamily(name);
        for (String series : List.of(family, family + "_sum", family + "_count", family + "_max")) {
            if (FIXED_FAMILIES.contains(series)) {
                return true;
            }
        }
        return false;
    }

    FullHttpResponse answer(HttpVersion version) {
        PrometheusWriter out = new PrometheusWriter();
        long now = sources.nanoTime().getAsLong();
        writeProcess(out, now);
        writeCoverage(out);
        List<UpstreamStats> stats = sources.upstream().stats();
        writeConnections(out, stats, now);
        writeLegs(out, LegFigures.of(sources.upstream(), sources.market()));
        writeRing(out, sources.ring(), sources.market());
        writeFanout(out, sources.fanout());
        for (LatencyRecorder recorder : sources.allLatencies()) {
            writeLatency(out, recorder);
        }
        return Responses.prometheus(version, out.toByteBuf());
    }

    private void writeProcess(PrometheusWriter out, long now) {
        single(out, Metric.UP, 1);
        out.family(Metric.BUILD_INFO);
        out.sample(Metric.BUILD_INFO.familyName(), "version", sources.version(), 1);
        out.family(Metric.UPTIME);
        out.sample(Metric.UPTIME.familyName(), Math.max(0, now - sources.startedNanos()) / NANOS_PER_SECOND);
    }

    private void writeCoverage(PrometheusWriter out) {
        Coverage coverage = Coverage.of(sources.upstream());
        HealthStatus status = evaluator.evaluate(coverage);
        out.family(Metric.HEALTH_STATUS);
        for (HealthStatus each : HealthStatus.values()) {
            out.sample(Metric.HEALTH_STATUS.familyName(), "status", each.wireName(), each == status ? 1 : 0);
        }
        out.family(Metric.COVERAGE);
        out.sample(Metric.COVERAGE.familyName(), coverage.ratio());
        single(out, Metric.CONNECTIONS_STREAMING, coverage.streaming());
        single(out, Metric.CONNECTIONS, coverage.connections());
        single(out, Metric.PRODUCTS_RECEIVING, coverage.receiving());
        single(out, Metric.PRODUCTS_PLANNED, coverage.planned());
        single(out, Metric.PRODUCTS_ACTIVE, HealthJson.activeTickers(sources.market()));
    }

    private static void writeConnections(PrometheusWriter out, List<UpstreamStats> stats, long now) {
        out.family(Metric.UPSTREAM_STREAMING);
        for (UpstreamStats s : stats) {
            out.sample(Metric.UPSTREAM_STREAMING.familyName(), CONNECTION_LABEL, s.name, s.streaming() ? 1 : 0);
        }
        out.family(Metric.UPSTREAM_PRODUCTS);
        for (UpstreamStats s : stats) {
            out.sample(Metric.UPSTREAM_PRODUCTS.familyName(), CONNECTION_LABEL, s.name, s.products.size());
        }
        out.family(Metric.UPSTREAM_FLOWING);
        for (UpstreamStats s : stats) {
            out.sample(Metric.UPSTREAM_FLOWING.familyName(), CONNECTION_LABEL, s.name, s.flowingProducts());
        }
        out.family(Metric.UPSTREAM_LAST_FRAME_AGE);
        for (UpstreamStats s : stats) {
            long lastFrame = s.lastFrameNanos();
            if (lastFrame != 0) {
                out.sample(Metric.UPSTREAM_LAST_FRAME_AGE.familyName(), CONNECTION_LABEL, s.name,
                        Math.max(0, now - lastFrame) / NANOS_PER_SECOND);
            }
        }
        for (PerConnection counter : UPSTREAM_COUNTERS) {
            out.family(counter.metric());
            for (UpstreamStats s : stats) {
                out.sample(counter.metric().familyName(), CONNECTION_LABEL, s.name, counter.value().apply(s).sum());
            }
        }
    }

    /**
     * Per-leg series, labelled {@code leg="a"}. With one leg the families are declared without samples, so the page
     * always lists every fixed family. The legs' lag is a latency summary.
     */
    private static void writeLegs(PrometheusWriter out, List<LegFigures> legs) {
        out.family(Metric.LEG_STREAMING);
        for (LegFigures leg : legs) {
            out.sample(Metric.LEG_STREAMING.familyName(), LEG_LABEL, leg.name(), leg.streaming());
        }
        out.family(Metric.LEG_WINS);
        for (LegFigures leg : legs) {
            out.sample(Metric.LEG_WINS.familyName(), LEG_LABEL, leg.name(), leg.wins());
        }
        out.family(Metric.LEG_LOSSES);
        for (LegFigures leg : legs) {
            out.sample(Metric.LEG_LOSSES.familyName(), LEG_LABEL, leg.name(), leg.losses());
        }
    }

    private static void writeRing(PrometheusWriter out, TickRing ring, MarketView market) {
        int capacity = ring.capacity();
        single(out, Metric.RING_CAPACITY, capacity);
        out.family(Metric.RING_FILL);
        out.sample(Metric.RING_FILL.familyName(), (double) (capacity - ring.remainingCapacity()) / capacity);
        single(out, Metric.RING_PUBLISHED, ring.published());
        single(out, Metric.RING_DROPPED, ring.dropped());
        single(out, Metric.TICKS_ACCEPTED, market.accepted());
        single(out, Metric.TICKS_DUPLICATES, market.duplicates());
    }

    /** Written as zeros while no fanout is wired, so dashboards and alerts see the series from the start. */
    private static void writeFanout(PrometheusWriter out, FanoutView fanout) {
        boolean wired = fanout != null;
        single(out, Metric.SUBSCRIBERS, wired ? fanout.subscriberCount() : 0);
        single(out, Metric.FANOUT_MESSAGES, wired ? fanout.messagesSent() : 0);
        single(out, Metric.FANOUT_CONFLATED, wired ? fanout.dropped() : 0);
        single(out, Metric.FANOUT_BACKLOG, wired ? fanout.backlog() : 0);
        single(out, Metric.FANOUT_COALESCED, wired ? fanout.batchesCoalesced() : 0);
        single(out, Metric.FANOUT_FLUSHES, wired ? fanout.clientFlushes() : 0);
        single(out, Metric.FANOUT_COMMAND_ERRORS, wired ? fanout.commandErrors() : 0);
        single(out, Metric.FANOUT_SLOW_CLIENTS_CLOSED, wired ? fanout.slowClientsClosed() : 0);
    }

    /**
     * A summary over everything recorded since start. HdrHistogram keeps no exact sum, so {@code _sum} is the mean of
     * its buckets times the count: accurate to the histogram's three significant digits. Quantiles are NaN while
     * nothing was recorded, as Prometheus clients do.
     */
    private static void writeLatency(PrometheusWriter out, LatencyRecorder recorder) {
        Histogram histogram = recorder.cumulative();
        long count = histogram.getTotalCount();
        String family = latencyFamily(recorder.name());
        out.family(family, Metric.Type.SUMMARY, recorder.description());
        for (double quantile : QUANTILES) {
            double value = count == 0 ? Double.NaN : histogram.getValueAtPercentile(quantile * 100) / NANOS_PER_SECOND;
            out.sample(family, "quantile", Double.toString(quantile), value);
        }
        out.sample(family + "_sum", count == 0 ? 0.0 : histogram.getMean() * count / NANOS_PER_SECOND);
        out.sample(family + "_count", count);
        out.family(family + "_max", Metric.Type.GAUGE, "Largest value of " + family + " since start.");
        out.sample(family + "_max", count == 0 ? 0.0 : histogram.getMaxValue() / NANOS_PER_SECOND);
    }

    /** One family with one unlabelled sample: every fixed gauge and counter that is not per connection. */
    private static void single(PrometheusWriter out, Metric metric, long value) {
        out.family(metric);
        out.sample(metric.familyName(), value);
    }

    private record PerConnection(Metric metric, Function<UpstreamStats, LongAdder> value) {
    }
}
