package dev.tickerplant.compat;

import dev.tickerplant.fanout.Json;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A WebSocket client on a plain socket with a small receive buffer, for what a polite client never does: stop reading.
 * It reads only when the test asks it to and answers nothing by itself.
 */
final class RawSocketClient implements AutoCloseable {
    static final int TEXT = 1;
    static final int CLOSE = 8;

    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawSocketClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawSocketClient connect(int port, String path, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        RawSocketClient client = new RawSocketClient(socket);
        String key = Base64.getEncoder().encodeToString("compat-raw-client".getBytes(StandardCharsets.US_ASCII));
        client.out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + "User-Agent: raw-compat-client\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(client.in.readUnsignedByte());
        }
        if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        return client;
    }

    /** Sends a masked text frame (clients must mask, RFC 6455 §5.3). */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = {1, 2, 3, 4};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** The next text message, parsed; pings and other control frames are skipped. */
    Map<String, Object> nextText() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == TEXT) {
                return Json.object(f.text());
            }
            if (f.opcode() == CLOSE) {
                throw new IOException("closed " + f.closeCode());
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
