package dev.tickerplant.daemon.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A few fixed files over HTTP on a loopback ephemeral port (the JDK's own server): a test page served from an origin
 * other than the daemon's, so that what the browser does across origins (CORS on long-polling) is exercised.
 */
final class LoopbackPageServer implements AutoCloseable {
    /** One served file: its content type and where it is read from, at each request. */
    record File(String contentType, Path source) {
    }

    private final HttpServer server;

    private LoopbackPageServer(HttpServer server) {
        this.server = server;
    }

    /** Serves each path of {@code files} with GET; anything else is 404. */
    static LoopbackPageServer start(Map<String, File> files) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, files.get(exchange.getRequestURI().getPath())));
        server.start();
        return new LoopbackPageServer(server);
    }

    /** {@code http://127.0.0.1:port}: the test page's origin. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, File file) throws IOException {
        try (exchange) {
            if (file == null || !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file.source());
            exchange.getResponseHeaders().set("Content-Type", file.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
