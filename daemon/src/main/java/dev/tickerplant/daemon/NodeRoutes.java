package dev.tickerplant.daemon;

import dev.tickerplant.fanout.http.HttpRoutes;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Set;

/**
 * An ingest node's share of the health routes: {@code /health}, {@code /health/live} and {@code /metrics}, what an
 * operator and a scraper ask of any node. The {@code /api/*} views are the fanout side's (subscribers, tickers), so
 * an ingest node answers them 404 like every other path it does not serve.
 */
final class NodeRoutes implements HttpRoutes {
    private static final Set<String> SERVED = Set.of("/health", "/health/live", "/metrics");

    private final HttpRoutes health;

    NodeRoutes(HttpRoutes health) {
        this.health = health;
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        // /health/ is /health, as the health routes themselves read it.
        String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return SERVED.contains(normalised) ? health.handle(request) : null;
    }
}
