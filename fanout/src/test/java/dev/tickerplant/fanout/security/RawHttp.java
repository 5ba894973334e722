package dev.tickerplant.fanout.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand over a loopback socket, so a test controls every header of a request (Origin, Authorization, the
 * upgrade headers) and sees exactly what the server answers, including whether it closed the connection.
 */
final class RawHttp implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 5_000;

    final Socket socket;
    final int status;
    final Map<String, String> headers;
    final String body;

    private RawHttp(Socket socket, int status, Map<String, String> headers, String body) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** A WebSocket upgrade of {@code pathAndQuery} with the extra header lines given as "Name: value". */
    static RawHttp upgrade(int port, String pathAndQuery, String... extraHeaders) {
        return send(port, "GET", pathAndQuery, join(extraHeaders, "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"));
    }

    static RawHttp get(int port, String pathAndQuery, String... extraHeaders) {
        return send(port, "GET", pathAndQuery, extraHeaders);
    }

    private static RawHttp send(int port, String method, String pathAndQuery, String... headerLines) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            StringBuilder request = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawHttp read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the response head: " + head);
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
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
        return new RawHttp(socket, status, headers, body);
    }

    /** The first WebSocket frame's payload as text (the server's frames are unmasked); for a 101 answer. */
    String firstFrameText() throws IOException {
        InputStream in = socket.getInputStream();
        in.read(); // FIN and opcode
        int length = in.read() & 0x7f;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        } else if (length == 127) {
            throw new IOException("unexpectedly long first frame");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** True when the server closed its side: a read returns end of stream within the timeout. */
    boolean closedByServer() throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    private static String[] join(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(more, 0, all, 0, more.length);
        System.arraycopy(first, 0, all, more.length, first.length);
        return all;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a loopback socket in a test
        }
    }
}
