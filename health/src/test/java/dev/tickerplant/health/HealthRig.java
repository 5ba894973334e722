package dev.tickerplant.health;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.fanout.FanoutView;
import dev.tickerplant.ingest.catalog.Product;
import dev.tickerplant.ingest.metrics.LatencyRecorder;
import dev.tickerplant.ingest.plan.ShardPlan;
import dev.tickerplant.ingest.plan.ShardPlanner;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.ingest.upstream.Backoff;
import dev.tickerplant.ingest.upstream.RateLimiter;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamOptions;
import dev.tickerplant.testing.Json;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The real pieces health reads: a shard plan, a {@link MarketState} behind a started {@link TickRing}, an
 * {@link UpstreamConductor} (started or not) for a WebSocket URL, and {@link HealthRoutes} over them.
 */
final class HealthRig implements AutoCloseable {
    static final String VERSION = "1.2.3-test";

    final ShardPlan plan;
    final MarketState market;
    final TickRing ring;
    final UpstreamConductor upstream;
    final HealthRoutes routes;

    HealthRig(List<String> productIds, int perConnection, URI ws, FanoutView fanout, List<LatencyRecorder> latencies,
              long startedNanos, LongSupplier nanoTime, LongSupplier epochMillis) {
        this(productIds, perConnection, 1, ws, fanout, latencies, startedNanos, nanoTime, epochMillis);
    }

    /** @param redundancy connections (legs) per shard, 1 or 2 */
    HealthRig(List<String> productIds, int perConnection, int redundancy, URI ws, FanoutView fanout,
              List<LatencyRecorder> latencies, long startedNanos, LongSupplier nanoTime, LongSupplier epochMillis) {
        List<Product> products = productIds.stream()
                .map(id -> new Product(id, id.substring(0, id.indexOf('-')), id.substring(id.indexOf('-') + 1),
                        true, true, "", BigDecimal.ZERO))
                .toList();
        this.plan = new ShardPlanner().plan(products, perConnection, Set.of());
        this.market = new MarketState(productIds);
        this.ring = new TickRing(1024, market, new DefaultThreadFactory("test-tick-consumer", true));
        ring.start();
        // Connect, subscribe and watchdog timeouts a busy machine keeps: a link closed by a late timer would make
        // figures the tests compare move under them.
        UpstreamOptions options = new UpstreamOptions(ws, CoinbaseProtocol.ADVANCED_TRADE, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(60),
                1 << 20, Duration.ofSeconds(5));
        this.upstream = new UpstreamConductor(plan, redundancy, options, Optional.empty(), ring,
                new RateLimiter("connect", 8, System::nanoTime), new RateLimiter("subscribe", 8, System::nanoTime),
                Backoff.exponential(Duration.ofMillis(50), Duration.ofMillis(300), 2.0), () -> null, 1);
        this.routes = new HealthRoutes(new HealthSources(market, upstream, ring, fanout, latencies,
                HealthThresholds.defaults(), VERSION, startedNanos, nanoTime, epochMillis));
    }

    /** Real clocks, no fanout, no latency recorders, one connection per shard. */
    static HealthRig live(List<String> productIds, int perConnection, URI ws) {
        return live(productIds, perConnection, 1, ws);
    }

    static HealthRig live(List<String> productIds, int perConnection, int redundancy, URI ws) {
        return new HealthRig(productIds, perConnection, redundancy, ws, null, List.of(), System.nanoTime(),
                System::nanoTime, System::currentTimeMillis);
    }

    FullHttpResponse request(HttpMethod method, String uri) {
        return routes.handle(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
    }

    /** GETs {@code uri}, returns status and body, releases the response, checks the headers every route sends. */
    Answer get(String uri) {
        FullHttpResponse response = request(HttpMethod.GET, uri);
        if (response == null) {
            throw new AssertionError("no route answered GET " + uri);
        }
        return Answer.of(response);
    }

    Map<String, Object> json(String uri) {
        return Json.object(get(uri).body());
    }

    @Override
    public void close() {
        upstream.close(2000);
        ring.close();
    }

    /** A response read and released. */
    record Answer(int status, String contentType, String body, String cacheControl, int contentLength) {
        static Answer of(FullHttpResponse response) {
            try {
                ByteBuf content = response.content();
                return new Answer(response.status().code(),
                        response.headers().get(HttpHeaderNames.CONTENT_TYPE),
                        content.toString(StandardCharsets.UTF_8),
                        response.headers().get(HttpHeaderNames.CACHE_CONTROL),
                        response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH, -1));
            } finally {
                response.release();
            }
        }

        Map<String, Object> json() {
            return Json.object(body);
        }

        int bodyBytes() {
            return body.getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
