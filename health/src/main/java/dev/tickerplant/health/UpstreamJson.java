package dev.tickerplant.health;

import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import dev.tickerplant.ingest.upstream.UpstreamStats;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.function.LongSupplier;

/**
 * {@code GET /api/upstream}: every upstream connection with all its counters, its ticker rate over the last interval,
 * its products and why it last closed.
 */
final class UpstreamJson {
    private final UpstreamConductor upstream;
    private final LongSupplier nanoTime;

    UpstreamJson(UpstreamConductor upstream, LongSupplier nanoTime) {
        this.upstream = upstream;
        this.nanoTime = nanoTime;
    }

    FullHttpResponse answer(HttpVersion version) {
        long now = nanoTime.getAsLong();
        Coverage coverage = Coverage.of(upstream);
        return Responses.json(version, HttpResponseStatus.OK, JsonBody.render(json -> {
            json.writeStartObject();
            json.writeNumberField("connections_streaming", coverage.streaming());
            json.writeNumberField("connections_total", coverage.connections());
            json.writeNumberField("products_receiving", coverage.receiving());
            json.writeNumberField("products_planned", coverage.planned());
            json.writeArrayFieldStart("connections");
            for (UpstreamSession session : upstream.sessions()) {
                UpstreamStats stats = session.stats();
                json.writeStartObject();
                ConnectionDetails.write(json, stats, now);
                json.writeNumberField("shard", stats.shardId);
                json.writeNumberField("leg", stats.leg);
                json.writeNumberField("heartbeats", stats.heartbeats.sum());
                json.writeNumberField("ignored", stats.ignoredFrames.sum());
                json.writeNumberField("missed_messages", stats.missedMessages.sum());
                json.writeNumberField("out_of_order", stats.outOfOrder.sum());
                json.writeNumberField("connect_attempts", stats.connectAttempts.sum());
                json.writeNumberField("watchdog_expiries", stats.watchdogExpiries.sum());
                json.writeNumberField("rotations", stats.rotations.sum());
                json.writeNumberField("ring_drops", stats.ringDrops.sum());
                double rate = stats.tickersPerSecond();
                if (Double.isNaN(rate)) {
                    json.writeNullField("tickers_per_s");
                } else {
                    json.writeNumberField("tickers_per_s", Math.round(rate * 100) / 100.0);
                }
                String reason = stats.lastCloseReason();
                if (reason == null || reason.isEmpty()) {
                    json.writeNullField("last_close_reason");
                } else {
                    json.writeStringField("last_close_reason", reason);
                }
                json.writeArrayFieldStart("product_ids");
                for (String id : session.products()) {
                    json.writeString(id);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
    }
}
