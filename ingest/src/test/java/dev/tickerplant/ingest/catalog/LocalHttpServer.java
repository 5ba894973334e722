package dev.tickerplant.ingest.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A real HTTP server on 127.0.0.1 and an ephemeral port, answering routes with canned JSON. */
final class LocalHttpServer implements AutoCloseable {

    record Reply(int status, String body) {
        static Reply ok(String body) {
            return new Reply(200, body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<URI> requests = new CopyOnWriteArrayList<>();
    private volatile boolean refuseUpgrades;

    private LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    static LocalHttpServer start() throws IOException {
        return new LocalHttpServer();
    }

    /**
     * Answers 400 to any request that carries an {@code Upgrade} header, as strict servers and proxies do when a
     * client offers {@code h2c} on plain HTTP.
     */
    LocalHttpServer refuseUpgrades() {
        refuseUpgrades = true;
        return this;
    }

    /** Answers exactly {@code path}; the handler sees the full request URI, query included. */
    LocalHttpServer route(String path, Function<URI, Reply> handler) {
        server.createContext(path, exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                reply(exchange, new Reply(404, "{\"message\":\"NotFound\"}"));
                return;
            }
            if (refuseUpgrades && exchange.getRequestHeaders().containsKey("Upgrade")) {
                reply(exchange, new Reply(400, "Invalid Upgrade header"));
                return;
            }
            requests.add(exchange.getRequestURI());
            reply(exchange, handler.apply(exchange.getRequestURI()));
        });
        return this;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Request URIs (path and query) in arrival order. */
    List<URI> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** A loopback port that nothing listens on (it was bound a moment ago and released). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void reply(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
