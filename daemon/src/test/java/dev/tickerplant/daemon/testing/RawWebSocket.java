package dev.tickerplant.daemon.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A blocking WebSocket client on a plain socket: the test sees the upgrade answer as it is (101 or a refusal with its
 * JSON body), may send what a polite client never would (invalid UTF-8, binary, oversized frames) and reads at its
 * own pace. Pings are answered as they are read, like any client library does.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    private static final int CONTINUATION = 0x0;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    /** One complete message (continuations joined) or control frame. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public boolean isClose() {
            return opcode == CLOSE;
        }

        /** The close code, or 1005 ("no status") when the close frame carried none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int status;
    private final Map<String, String> headers;
    private final String body;

    private RawWebSocket(Socket socket, int status, Map<String, String> headers, String body,
                         DataInputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Opens a socket and asks for the upgrade; returns whatever the server answered.
     *
     * @param receiveBuffer bytes for SO_RCVBUF (small makes a slow reader back up quickly), 0 for the default
     * @param extraHeaders  lines such as {@code "Authorization: Bearer x"}
     */
    public static RawWebSocket connect(int port, String pathAndQuery, int receiveBuffer, String... extraHeaders)
            throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        StringBuilder request = new StringBuilder("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
        String[] head = readHead(in).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon > 0) {
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        head[i].substring(colon + 1).trim());
            }
        }
        String body = "";
        if (status != 101) {
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        return new RawWebSocket(socket, status, headers, body, in);
    }

    /** Like {@link #connect} with the default buffer, but fails unless the upgrade succeeded. */
    public static RawWebSocket open(int port, String pathAndQuery, String... extraHeaders) throws IOException {
        RawWebSocket ws = connect(port, pathAndQuery, 0, extraHeaders);
        if (ws.status != 101) {
            ws.close();
            throw new IOException("upgrade of " + pathAndQuery + " refused: " + ws.status + " " + ws.body);
        }
        return ws;
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String body() {
        return body;
    }

    public void readTimeoutMillis(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    public void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes sent as a text message without any check, so they may be invalid UTF-8. */
    public void sendTextBytes(byte[] payload) throws IOException {
        send(TEXT, payload);
    }

    public void sendBinary(byte[] payload) throws IOException {
        send(BINARY, payload);
    }

    public void sendClose(int code) throws IOException {
        send(CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
    }

    /** Reads the next message, answering pings on the way; throws on end of stream or after the read timeout. */
    public Frame receive() throws IOException {
        ByteArrayOutputStream message = null;
        int messageOpcode = 0;
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if (length > 64L * 1024 * 1024) {
                throw new IOException("frame of " + length + " bytes (expected: at most 64 MiB)");
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if (opcode == PING) {
                send(PONG, payload);
                continue;
            }
            if (opcode == PONG) {
                continue;
            }
            if (opcode == CLOSE) {
                return new Frame(CLOSE, payload);
            }
            if (opcode != CONTINUATION) {
                messageOpcode = opcode;
                message = new ByteArrayOutputStream(payload.length);
            }
            if (message == null) {
                throw new IOException("continuation frame without a message to continue");
            }
            message.write(payload);
            if (fin) {
                return new Frame(messageOpcode, message.toByteArray());
            }
        }
    }

    /** The next text message (skipping nothing else: any other frame type is returned as it is). */
    public String receiveText() throws IOException {
        Frame frame = receive();
        if (frame.opcode() != TEXT) {
            throw new IOException("expected a text message, got opcode " + frame.opcode()
                    + (frame.isClose() ? " (close " + frame.closeCode() + ")" : ""));
        }
        return frame.text();
    }

    /** Client frames are masked (RFC 6455 §5.3); writes from several threads (pongs) are serialised. */
    private synchronized void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xffff) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private static String readHead(DataInputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the upgrade: " + head);
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        return head.toString(StandardCharsets.UTF_8);
    }

    /** True once the server has closed: the next read hits end of stream (or a close frame) within the timeout. */
    public boolean closedByServer() {
        try {
            while (true) {
                Frame frame = receive();
                if (frame.isClose()) {
                    return true;
                }
            }
        } catch (EOFException end) {
            return true;
        } catch (IOException other) {
            return other.getMessage() != null && other.getMessage().contains("reset");
        }
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
