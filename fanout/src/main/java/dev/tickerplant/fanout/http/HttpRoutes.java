package dev.tickerplant.fanout.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;

/**
 * Plain HTTP requests that reach the fanout server (anything that is not a WebSocket upgrade) are offered to the
 * routes the daemon registered, e.g. the health module's /health, /api/* and /metrics. Called on a Netty event loop:
 * implementations answer from already-available figures and never block.
 */
@FunctionalInterface
public interface HttpRoutes {
    /** Returns the response, or null when no route matches (the server then answers 404 with a JSON body). */
    FullHttpResponse handle(FullHttpRequest request);
}
