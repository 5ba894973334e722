package dev.tickerplant.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP for tests. {@link #get}/{@link #post} use the JDK client held to HTTP/1.1 (the servers speak nothing else, and
 * an h2c upgrade attempt would be one more thing on the wire to explain); {@link #raw} writes a request by hand over a
 * loopback socket, so a test controls every header and byte and sees whether the server closed the connection.
 */
public final class Http {
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    private Http() {
    }

    /** The JDK client the helpers use; for tests that build their own requests. */
    public static HttpClient client() {
        return CLIENT;
    }

    public static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(WAIT).GET().build());
    }

    /** GET {@code http://127.0.0.1:port/pathAndQuery}. */
    public static HttpResponse<String> get(int port, String pathAndQuery) {
        return get(URI.create("http://127.0.0.1:" + port + pathAndQuery));
    }

    public static HttpResponse<String> post(URI uri, String body) {
        return send(HttpRequest.newBuilder(uri).timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A response read off a raw socket, which stays open for {@link #closedByServer()} or further reads. */
    public record RawResponse(Socket socket, int status, Map<String, String> headers, String body)
            implements AutoCloseable {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** True when the server closed its side: a read returns end of stream within {@link #WAIT}. */
        public boolean closedByServer() {
            try {
                return socket.getInputStream().read() < 0;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        /** Everything the server sends until it closes the connection. */
        public String readUntilClosed() throws IOException {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // a loopback socket in a test
            }
        }
    }

    /**
     * Sends {@code method pathAndQuery HTTP/1.1} with a Host header and the given header lines ("Name: value"), and
     * reads the answer's head and its Content-Length body.
     */
    public static RawResponse raw(int port, String method, String pathAndQuery, String... headerLines) {
        StringBuilder request = new StringBuilder(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return raw(port, request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends bytes as they are (any request, well-formed or not) and reads one response. */
    public static RawResponse raw(int port, byte[] request) {
        Socket socket = null;
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return next(socket);
        } catch (IOException | UncheckedIOException e) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw e instanceof UncheckedIOException unchecked ? unchecked : new UncheckedIOException((IOException) e);
        }
    }

    /**
     * Reads the next response off a socket that requests were written to (e.g. the socket of a {@link RawResponse},
     * for the answer to a pipelined request): its head and its Content-Length body.
     */
    public static RawResponse next(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            String[] lines = readHead(in).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RawResponse(socket, status, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP head up to and including its blank line. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before the end of the response head: " + head);
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
