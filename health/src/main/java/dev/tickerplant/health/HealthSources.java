package dev.tickerplant.health;

import dev.tickerplant.fanout.FanoutView;
import dev.tickerplant.ingest.metrics.LatencyRecorder;
import dev.tickerplant.ingest.ring.MarketView;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Everything the health routes read. They only read: no route asks a stage to do work or takes a lock on its path.
 *
 * @param market       latest tickers and per-product counters
 * @param upstream     the upstream sessions and their figures
 * @param ring         the tick ring's capacity and publish/drop counters
 * @param fanout       the downstream side; null while no fanout server is wired (routes then report no subscribers)
 * @param latencies    distributions exported as Prometheus summaries; each name becomes
 *                     {@code tickerplant_<name>_seconds}, so names are distinct and made of {@code [a-zA-Z0-9_]}
 * @param thresholds   where the status changes
 * @param version      reported by /health and as {@code tickerplant_build_info}
 * @param startedNanos {@code nanoTime} when the daemon started, for uptime
 * @param nanoTime     the monotonic clock the upstream sessions stamp frames with ({@code System::nanoTime} in
 *                     production), so that frame ages and streaming times are measured on the same clock
 * @param epochMillis  the wall clock ({@code System::currentTimeMillis} in production), for subscriber and ticker ages
 * @param bus          the bus's figures; null on a node that uses no bus
 * @param catalog      the catalog refreshes' figures; null on a node that follows no products (role fanout)
 */
public record HealthSources(MarketView market, UpstreamConductor upstream, TickRing ring, FanoutView fanout,
                            List<LatencyRecorder> latencies, HealthThresholds thresholds, String version,
                            long startedNanos, LongSupplier nanoTime, LongSupplier epochMillis,
                            Supplier<BusFigures> bus, Supplier<CatalogFigures> catalog) {

    /** Sources of a node that uses no bus. */
    public HealthSources(MarketView market, UpstreamConductor upstream, TickRing ring, FanoutView fanout,
                         List<LatencyRecorder> latencies, HealthThresholds thresholds, String version,
                         long startedNanos, LongSupplier nanoTime, LongSupplier epochMillis) {
        this(market, upstream, ring, fanout, latencies, thresholds, version, startedNanos, nanoTime, epochMillis, null,
                null);
    }

    /** The same sources with the bus's figures. */
    public HealthSources withBus(Supplier<BusFigures> figures) {
        return new HealthSources(market, upstream, ring, fanout, latencies, thresholds, version, startedNanos,
                nanoTime, epochMillis, Objects.requireNonNull(figures, "figures"), catalog);
    }

    /** The same sources with the catalog refreshes' figures. */
    public HealthSources withCatalog(Supplier<CatalogFigures> figures) {
        return new HealthSources(market, upstream, ring, fanout, latencies, thresholds, version, startedNanos,
                nanoTime, epochMillis, bus, Objects.requireNonNull(figures, "figures"));
    }

    /** The bus's figures now, or null without a bus. */
    BusFigures busNow() {
        return bus != null ? bus.get() : null;
    }

    public HealthSources {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(latencies, "latencies");
        latencies = List.copyOf(latencies);
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(epochMillis, "epochMillis");
        checkLatencyNames(withFanout(latencies, fanout));
    }

    /** The latency recorders to export: the given ones plus the fanout's receive-to-written one, each once. */
    List<LatencyRecorder> allLatencies() {
        return withFanout(latencies, fanout);
    }

    private static List<LatencyRecorder> withFanout(List<LatencyRecorder> latencies, FanoutView fanout) {
        LatencyRecorder fromFanout = fanout != null ? fanout.receiveToWritten() : null;
        if (fromFanout == null || latencies.stream().anyMatch(r -> r == fromFanout)) {
            return latencies;
        }
        List<LatencyRecorder> all = new ArrayList<>(latencies);
        all.add(fromFanout);
        return List.copyOf(all);
    }

    /** A bad name would make the whole /metrics page unparseable, so it is refused at start. */
    private static void checkLatencyNames(List<LatencyRecorder> recorders) {
        Set<String> seen = new HashSet<>();
        for (LatencyRecorder recorder : recorders) {
            String name = Objects.requireNonNull(recorder, "latencies: null element").name();
            if (!LatencyCollector.isValidName(name)) {
                throw new IllegalArgumentException("latencies: recorder name \"" + name
                        + "\" (expected: letters, digits and underscores, starting with a letter)");
            }
            if (LatencyCollector.clashesWithFixedFamily(name)) {
                throw new IllegalArgumentException("latencies: recorder name \"" + name + "\" (expected: a name whose"
                        + " family " + LatencyCollector.family(name) + " is not already a tickerplant metric)");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("latencies: recorder name \"" + name
                        + "\" appears twice (expected: distinct names, each becomes one metric family)");
            }
        }
    }
}
