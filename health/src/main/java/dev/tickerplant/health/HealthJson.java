package dev.tickerplant.health;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickerplant.ingest.ring.MarketView;
import dev.tickerplant.ingest.ring.ProductEntry;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: the status with the figures behind it. 200 when ready, 503 when degraded or down, so a load
 * balancer can act on the code alone. Reports figures only, never settings, so nothing secret can leak.
 */
final class HealthJson {
    private final HealthSources sources;
    private final HealthEvaluator evaluator;

    HealthJson(HealthSources sources, HealthEvaluator evaluator) {
        this.sources = sources;
        this.evaluator = evaluator;
    }

    HealthStatus status() {
        return evaluator.evaluate(Coverage.of(sources.upstream()), sources.busNow());
    }

    FullHttpResponse answer(HttpVersion version) {
        long now = sources.nanoTime().getAsLong();
        Coverage coverage = Coverage.of(sources.upstream());
        BusFigures bus = sources.busNow();
        HealthStatus status = evaluator.evaluate(coverage, bus);
        List<UpstreamSession> sessions = sources.upstream().sessions();
        List<String> stale = StaleProducts.find(sessions, sources.market());
        return Responses.json(version, status.httpStatus(), JsonBody.render(json -> {
            json.writeStartObject();
            json.writeStringField("status", status.wireName());
            json.writeNumberField("active_tickers", activeTickers(sources.market()));
            json.writeStringField("connections", coverage.connectionsText());
            json.writeStringField("coverage", coverage.coverageText());
            json.writeNumberField("connections_streaming", coverage.streaming());
            json.writeNumberField("connections_total", coverage.connections());
            json.writeNumberField("products_receiving", coverage.receiving());
            json.writeNumberField("products_planned", coverage.planned());
            json.writeNumberField("coverage_ratio", roundTo4(coverage.ratio()));
            HealthThresholds thresholds = evaluator.thresholds();
            json.writeObjectFieldStart("thresholds");
            json.writeNumberField("ready_coverage", thresholds.readyCoverage());
            json.writeNumberField("down_coverage", thresholds.downCoverage());
            json.writeEndObject();
            json.writeObjectFieldStart("stale_products");
            json.writeNumberField("count", stale.size());
            json.writeArrayFieldStart("products");
            for (String id : stale) {
                json.writeString(id);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeArrayFieldStart("upstream");
            for (UpstreamSession session : sessions) {
                json.writeStartObject();
                ConnectionDetails.write(json, session.stats(), now);
                json.writeEndObject();
            }
            json.writeEndArray();
            List<LegFigures> legs = LegFigures.of(sources.upstream(), sources.market());
            if (!legs.isEmpty()) {
                json.writeArrayFieldStart("legs");
                for (LegFigures leg : legs) {
                    leg.writeTo(json);
                }
                json.writeEndArray();
            }
            writeRing(json, sources.ring(), sources.market());
            if (bus != null) {
                writeBus(json, bus, sources.market(), sources.epochMillis().getAsLong());
            }
            json.writeNumberField("subscribers", sources.fanout() == null ? 0 : sources.fanout().subscriberCount());
            json.writeNumberField("uptime_s", TimeUnit.NANOSECONDS.toSeconds(Math.max(0, now - sources.startedNanos())));
            json.writeStringField("version", sources.version());
            json.writeEndObject();
        }));
    }

    /** Products with at least one accepted tick since start. */
    static int activeTickers(MarketView market) {
        int n = 0;
        for (ProductEntry entry : market.followedProducts()) {
            if (entry.updates() > 0) {
                n++;
            }
        }
        return n;
    }

    private static void writeRing(JsonGenerator json, TickRing ring, MarketView market) throws IOException {
        json.writeObjectFieldStart("ring");
        json.writeNumberField("capacity", ring.capacity());
        json.writeNumberField("remaining", ring.remainingCapacity());
        json.writeNumberField("published", ring.published());
        json.writeNumberField("dropped", ring.dropped());
        json.writeNumberField("accepted", market.accepted());
        json.writeNumberField("duplicates", market.duplicates());
        json.writeNumberField("last_seq", market.lastSeq());
        json.writeEndObject();
    }

    private static void writeBus(JsonGenerator json, BusFigures bus, MarketView market, long nowMillis)
            throws IOException {
        json.writeObjectFieldStart("bus");
        json.writeStringField("role", bus.consumes() ? "fanout" : "publisher");
        json.writeBooleanField("connected", bus.connected());
        json.writeStringField("server", bus.server());
        json.writeNumberField("unreachable_ms", bus.unreachableMillis());
        if (bus.publishes()) {
            json.writeNumberField("stored", bus.stored());
            json.writeNumberField("duplicates", bus.duplicates());
            json.writeNumberField("retried", bus.retried());
            json.writeNumberField("dropped", bus.dropped());
            json.writeNumberField("pending_acks", bus.pendingAcks());
            json.writeNumberField("buffered", bus.buffered());
        }
        if (bus.consumes()) {
            json.writeNumberField("unreachable_threshold_ms", bus.unreachableThresholdMillis());
            json.writeBooleanField("caught_up", bus.caughtUp());
            json.writeNumberField("delivered", bus.delivered());
            json.writeNumberField("last_seq", bus.lastSequence());
            json.writeNumberField("consumer_lag", bus.lag());
            json.writeNumberField("malformed", bus.malformed());
            json.writeNumberField("ingest_nodes", bus.ingestNodes());
            // How old each product's latest tick is (from its receipt on the ingest node): a product the ingest
            // nodes stopped carrying shows here first.
            json.writeObjectFieldStart("product_age_ms");
            for (ProductEntry entry : market.followedProducts()) {
                long updated = entry.lastUpdateEpochNanos();
                if (updated != 0) {
                    json.writeNumberField(entry.id(), Math.max(0, nowMillis - updated / 1_000_000));
                }
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static double roundTo4(double ratio) {
        return Math.round(ratio * 10_000) / 10_000.0;
    }
}
