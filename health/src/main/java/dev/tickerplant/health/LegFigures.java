package dev.tickerplant.health;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickerplant.ingest.ring.MarketView;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One redundant leg (A or B) as health reports it: how many of its connections stream, how many ticks it delivered
 * first (wins), how many copies it delivered after the other leg (losses) and how late those copies were. Only
 * meaningful with {@code redundancy} 2; with one leg nothing is reported.
 *
 * @param name       {@code a} or {@code b}
 * @param streaming  the leg's connections that are streaming
 * @param total      the leg's connections
 * @param wins       ticks this leg delivered first since start
 * @param losses     copies this leg delivered after the other leg since start
 * @param lag        how much later the losing copies arrived, since start
 */
record LegFigures(String name, int streaming, int total, long wins, long losses, Histogram lag) {
    private static final double NANOS_PER_MILLI = 1e6;

    /** Empty unless the conductor runs redundant legs. */
    static List<LegFigures> of(UpstreamConductor upstream, MarketView market) {
        int legs = upstream.redundancy();
        if (legs < 2) {
            return List.of();
        }
        List<LegFigures> figures = new ArrayList<>(legs);
        for (int leg = 0; leg < legs; leg++) {
            int total = 0;
            for (UpstreamSession session : upstream.sessions()) {
                total += session.leg() == leg ? 1 : 0;
            }
            figures.add(new LegFigures(name(leg), streaming(upstream, leg), total, market.legWins(leg),
                    market.legLosses(leg), market.legLag(leg).cumulative()));
        }
        return figures;
    }

    /** {@code a} for leg 0, {@code b} for leg 1. */
    static String name(int leg) {
        return String.valueOf((char) ('a' + leg));
    }

    /** The leg's connections that are streaming now. */
    static int streaming(UpstreamConductor upstream, int leg) {
        int streaming = 0;
        for (UpstreamSession session : upstream.sessions()) {
            streaming += session.leg() == leg && session.stats().streaming() ? 1 : 0;
        }
        return streaming;
    }

    /** {@code {"leg":"a","connections_streaming":20,"connections_total":20,"wins":..,"losses":..,"lag_ms":{..}}}. */
    void writeTo(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("leg", name);
        json.writeNumberField("connections_streaming", streaming);
        json.writeNumberField("connections_total", total);
        json.writeNumberField("wins", wins);
        json.writeNumberField("losses", losses);
        json.writeObjectFieldStart("lag_ms");
        long count = lag.getTotalCount();
        json.writeNumberField("count", count);
        writeMillis(json, "p50", count == 0 ? -1 : lag.getValueAtPercentile(50));
        writeMillis(json, "p99", count == 0 ? -1 : lag.getValueAtPercentile(99));
        writeMillis(json, "max", count == 0 ? -1 : lag.getMaxValue());
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Milliseconds to the microsecond, or null before the first sample. */
    private static void writeMillis(JsonGenerator json, String name, long nanos) throws IOException {
        if (nanos < 0) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, Math.round(nanos / NANOS_PER_MILLI * 1000) / 1000.0);
        }
    }
}
