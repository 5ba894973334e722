package dev.tickerplant.daemon;

import dev.tickerplant.fanout.http.HttpRoutes;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Breaks the construction cycle between the server and the health routes (the routes read the server's figures, the
 * server serves the routes): the server gets this forwarder, the routes are plugged in before the server starts.
 */
final class DeferredRoutes implements HttpRoutes {
    private volatile HttpRoutes delegate;

    void delegate(HttpRoutes routes) {
        this.delegate = routes;
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest request) {
        HttpRoutes routes = delegate;
        return routes == null ? null : routes.handle(request);
    }

    @Override
    public CompletableFuture<FullHttpResponse> handleAsync(FullHttpRequest request) {
        HttpRoutes routes = delegate;
        return routes == null ? null : routes.handleAsync(request);
    }
}
