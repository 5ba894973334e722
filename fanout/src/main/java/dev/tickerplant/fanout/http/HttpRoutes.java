package dev.tickerplant.fanout.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Plain HTTP requests that reach the fanout server (anything that is not a WebSocket upgrade) are offered to the
 * routes the daemon registered, e.g. the health module's /health, /api/* and /metrics. Called on a Netty event loop:
 * implementations answer from already-available figures and never block.
 *
 * <p>A route that has to wait for something (a network fetch) answers later through {@link #handleAsync}; the server
 * calls that method, whose default answers at once with {@link #handle}.
 */
@FunctionalInterface
public interface HttpRoutes {
    /** Returns the response, or null when no route matches (the server then answers 404 with a JSON body). */
    FullHttpResponse handle(FullHttpRequest request);

    /**
     * Returns the response when it is ready, or null when no route matches. The server writes the response on the
     * connection's event loop when the future completes, reads no further request of that connection until then (so
     * pipelined answers keep their order), and answers 500 when the future fails or completes with null.
     *
     * <p>The request is released when this method returns: a route that answers later takes what it needs first.
     */
    default CompletableFuture<FullHttpResponse> handleAsync(FullHttpRequest request) {
        FullHttpResponse response = handle(request);
        return response == null ? null : CompletableFuture.completedFuture(response);
    }
}
