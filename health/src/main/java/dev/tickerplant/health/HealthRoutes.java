package dev.tickerplant.health;

import dev.tickerplant.fanout.http.HttpRoutes;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * The read-only HTTP surface of the daemon: {@code /health}, {@code /health/live}, {@code /api/connections},
 * {@code /api/upstream}, {@code /api/tickers[/{product}]} and {@code /metrics} (the Prometheus or OpenMetrics text
 * format, as {@code Accept} asks). GET only (405 otherwise); any other path returns null so the server answers 404.
 *
 * <p>A route that throws is answered 500 by the server, which also logs it.
 *
 * <p>Runs on the fanout server's event loop and only reads figures the stages already keep: volatile fields, adders,
 * sequence-locked latest tickers. It never asks a stage to do work and never takes a lock on the tick path.
 */
public final class HealthRoutes implements HttpRoutes {
    private static final String TICKERS = "/api/tickers";
    private static final String TICKER_PREFIX = TICKERS + "/";

    private final HealthEvaluator evaluator;
    private final HealthJson health;
    private final UpstreamJson upstream;
    private final SubscribersJson subscribers;
    private final TickersJson tickers;
    private final MetricsRoute metrics;

    public HealthRoutes(HealthSources sources) {
        this.evaluator = new HealthEvaluator(sources.thresholds());
        this.health = new HealthJson(sources, evaluator);
        this.upstream = new UpstreamJson(sources.upstream(), sources.nanoTime());
        this.subscribers = new SubscribersJson(sources.fanout(), sources.epochMillis());
        this.tickers = new TickersJson(sources.market(), sources.upstream(), sources.epochMillis());
        this.metrics = new MetricsRoute(MetricFamilies.registry(sources, evaluator));
    }

    /** The {@code status} /health reports now: {@code ready}, {@code degraded} or {@code down}. */
    public String status() {
        return health.status().wireName();
    }

    /** New coverage thresholds for /health and /metrics from now on (a reload of the settings). */
    public void thresholds(HealthThresholds thresholds) {
        evaluator.thresholds(thresholds);
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest request) {
        String path = normalise(new QueryStringDecoder(request.uri()).path());
        if (!isRoute(path)) {
            return null;
        }
        HttpVersion version = request.protocolVersion();
        if (!HttpMethod.GET.equals(request.method())) {
            return Responses.methodNotAllowed(version, request.method(), path);
        }
        return answer(request, version, path);
    }

    private FullHttpResponse answer(FullHttpRequest request, HttpVersion version, String path) {
        return switch (path) {
            case "/health" -> health.answer(version);
            case "/health/live" -> live(version);
            case "/api/connections" -> subscribers.answer(version);
            case "/api/upstream" -> upstream.answer(version);
            case TICKERS -> tickers.all(version);
            case "/metrics" -> metrics.answer(version, request.headers().get(HttpHeaderNames.ACCEPT));
            default -> tickers.one(version, path.substring(TICKER_PREFIX.length()));
        };
    }

    private static boolean isRoute(String path) {
        return switch (path) {
            case "/health", "/health/live", "/api/connections", "/api/upstream", TICKERS, "/metrics" -> true;
            default -> path.startsWith(TICKER_PREFIX);
        };
    }

    /** Answers as long as the event loop serving it runs: liveness, not readiness. */
    private static FullHttpResponse live(HttpVersion version) {
        return Responses.json(version, HttpResponseStatus.OK, JsonBody.render(json -> {
            json.writeStartObject();
            json.writeStringField("status", "live");
            json.writeEndObject();
        }));
    }

    /** {@code /health/} is {@code /health}: a trailing slash is a common slip, not another resource. */
    private static String normalise(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
