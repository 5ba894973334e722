package dev.tickerplant.daemon;

import dev.tickerplant.fanout.http.HttpRoutes;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Several route sets on one port (health's, the status page's): the first that answers a request answers it. */
final class FirstMatchRoutes implements HttpRoutes {
    private final List<HttpRoutes> routes;

    FirstMatchRoutes(List<HttpRoutes> routes) {
        this.routes = List.copyOf(routes);
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest request) {
        for (HttpRoutes candidate : routes) {
            FullHttpResponse response = candidate.handle(request);
            if (response != null) {
                return response;
            }
        }
        return null;
    }

    /** The same, for the server: a route set that answers later (the admin API) keeps its future. */
    @Override
    public CompletableFuture<FullHttpResponse> handleAsync(FullHttpRequest request) {
        for (HttpRoutes candidate : routes) {
            CompletableFuture<FullHttpResponse> response = candidate.handleAsync(request);
            if (response != null) {
                return response;
            }
        }
        return null;
    }
}
