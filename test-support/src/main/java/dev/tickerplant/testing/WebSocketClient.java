package dev.tickerplant.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.net.ssl.SSLContext;

/**
 * A WebSocket client on a plain socket (RFC 6455 by hand, about as much code as wrapping a library would take), for
 * everything the tests need: the upgrade answer as it is (101, or a refusal with its headers and JSON body), the
 * handshake headers a test chooses, text messages, frames a polite client never sends (binary, invalid UTF-8,
 * fragments, oversized, bytes that are no frame at all) and close codes.
 *
 * <p>By default a reader thread takes every message off the socket as it arrives and answers pings and the server's
 * close, like a client library. {@link Options#readOnDemand()} instead reads only when the test asks, answering
 * nothing by itself (its pings are handed to the test): a client that stops reading, for slow-consumer tests;
 * {@link Options#readOnDemandAnsweringPings()} is a slow reader that is otherwise polite.
 *
 * <p>{@link Options#offeringDeflate()} offers permessage-deflate (RFC 7692) as browsers do; when the server agrees, the
 * client inflates each compressed message on its own (the server must not take over context, which an inflater reset
 * per message checks) and {@link Frame#compressed()} tells which ones were. {@link #sendCompressed} sends one.
 */
public final class WebSocketClient implements AutoCloseable {
    /** How long a test waits for something that must happen; generous, as the machine may be loaded. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** What a browser offers; the server's answer is in {@link #header}{@code ("Sec-WebSocket-Extensions")}. */
    public static final String DEFLATE_OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";
    private static final int RSV1 = 0x40;
    private static final byte[] SYNC_FLUSH_TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private static final Frame END_OF_STREAM = new Frame(CLOSE, new byte[0]);

    /**
     * One whole message (fragments joined, inflated when it came compressed) or a close frame; a connection that just
     * ended reads as close 1006. {@code compressed}: it came with RSV1 set, as a permessage-deflate message.
     */
    public record Frame(int opcode, byte[] payload, boolean compressed) {
        public Frame(int opcode, byte[] payload) {
            this(opcode, payload, false);
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public boolean isClose() {
            return opcode == CLOSE;
        }

        /** The close code: 1005 when the close frame carried none, 1006 when the connection ended without one. */
        public int closeCode() {
            if (this == END_OF_STREAM) {
                return 1006;
            }
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    /** How to connect; immutable, each method returns a changed copy. */
    public record Options(String host, int port, String pathAndQuery, List<String> headers, int receiveBufferBytes,
                          boolean background, boolean answerPings, Predicate<String> skipped, SSLContext tls) {

        /** Extra request header lines such as {@code "Authorization: Bearer x"}. */
        public Options header(String... lines) {
            List<String> more = new ArrayList<>(headers);
            more.addAll(List.of(lines));
            return new Options(host, port, pathAndQuery, List.copyOf(more), receiveBufferBytes, background,
                    answerPings, skipped, tls);
        }

        /** Offers permessage-deflate in the upgrade request, as browsers do ({@link #DEFLATE_OFFER}). */
        public Options offeringDeflate() {
            return header(DEFLATE_OFFER);
        }

        /** SO_RCVBUF; a small one makes a client that stops reading back up quickly. */
        public Options receiveBuffer(int bytes) {
            return new Options(host, port, pathAndQuery, headers, bytes, background, answerPings, skipped, tls);
        }

        /** No reader thread: frames are read when the test asks; pings come as frames and are not answered. */
        public Options readOnDemand() {
            return new Options(host, port, pathAndQuery, headers, receiveBufferBytes, false, false, skipped, tls);
        }

        /** Read on demand, but pings are answered as they are read, like a client library (a slow reader). */
        public Options readOnDemandAnsweringPings() {
            return new Options(host, port, pathAndQuery, headers, receiveBufferBytes, false, true, skipped, tls);
        }

        /** Text messages that {@link #next()} and its kin pass over, e.g. heartbeats. */
        public Options skipping(Predicate<String> text) {
            return new Options(host, port, pathAndQuery, headers, receiveBufferBytes, background, answerPings, text,
                    tls);
        }

        /** wss: TLS with the given context (e.g. one trusting a test certificate). */
        public Options tls(SSLContext context) {
            return new Options(host, port, pathAndQuery, headers, receiveBufferBytes, background, answerPings, skipped,
                    context);
        }

        /** Opens and upgrades; fails the test unless the server answered 101. */
        public WebSocketClient connect() {
            WebSocketClient client = upgrade();
            if (client.status != 101) {
                client.close();
                fail("upgrade of " + pathAndQuery + " refused: " + client.status + " " + client.body);
            }
            return client;
        }

        /** Opens and asks for the upgrade; whatever the server answered is in status, header and body. */
        public WebSocketClient upgrade() {
            try {
                return new WebSocketClient(this);
            } catch (IOException e) {
                throw new UncheckedIOException("upgrade of " + pathAndQuery + " on port " + port, e);
            }
        }
    }

    private final Options options;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final String body;
    private final LinkedBlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private volatile Frame closeFrame;
    /** The server agreed to permessage-deflate. */
    private final boolean deflate;
    private final Inflater inflater = new Inflater(true);

    /** Where to connect on loopback; {@code pathAndQuery} such as {@code "/ws?products=BTC-USD"}. */
    public static Options to(int port, String pathAndQuery) {
        return new Options("127.0.0.1", port, pathAndQuery, List.of(), 0, true, true, text -> false, null);
    }

    /** Where a {@code ws://} or {@code wss://} URI points; for wss set {@link Options#tls}. */
    public static Options to(URI uri) {
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new Options(uri.getHost(), uri.getPort(), uri.getRawQuery() == null ? path
                : path + "?" + uri.getRawQuery(), List.of(), 0, true, true, text -> false, null);
    }

    public static WebSocketClient connect(int port, String pathAndQuery) {
        return to(port, pathAndQuery).connect();
    }

    public static WebSocketClient connect(URI uri) {
        return to(uri).connect();
    }

    /** Asks for an upgrade that the server should refuse; returns the HTTP status it answered. */
    public static int upgradeStatus(URI uri) {
        try (WebSocketClient client = to(uri).upgrade()) {
            return client.status;
        }
    }

    private WebSocketClient(Options options) throws IOException {
        this.options = options;
        Socket plain = new Socket();
        if (options.receiveBufferBytes > 0) {
            plain.setReceiveBufferSize(options.receiveBufferBytes);
        }
        plain.connect(new InetSocketAddress(options.host, options.port), (int) WAIT.toMillis());
        plain.setTcpNoDelay(true);
        socket = options.tls == null ? plain
                : options.tls.getSocketFactory().createSocket(plain, options.host, options.port, true);
        socket.setSoTimeout((int) WAIT.toMillis());
        out = socket.getOutputStream();
        StringBuilder request = new StringBuilder("GET ").append(options.pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(options.host).append(':').append(options.port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        options.headers.forEach(line -> request.append(line).append("\r\n"));
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
        String[] head = Http.readHead(in).split("\r\n");
        status = Integer.parseInt(head[0].split(" ")[1]);
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon > 0) {
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        head[i].substring(colon + 1).trim());
            }
        }
        deflate = status == 101
                && headers.getOrDefault("sec-websocket-extensions", "").contains("permessage-deflate");
        if (status != 101) {
            body = new String(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))),
                    StandardCharsets.UTF_8);
            return;
        }
        body = "";
        if (options.background) {
            Thread reader = new Thread(this::readUntilClosed, "ws-client-" + socket.getLocalPort());
            reader.setDaemon(true);
            reader.start();
        }
    }

    public int status() {
        return status;
    }

    /** A response header of the upgrade answer, by case-insensitive name; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String body() {
        return body;
    }

    public void send(String text) {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes sent as a text message without any check, so they may be invalid UTF-8. */
    public void sendTextBytes(byte[] payload) {
        send(TEXT, payload);
    }

    public void sendBinary(byte[] payload) {
        send(BINARY, payload);
    }

    public void sendClose(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        send(CLOSE, payload);
    }

    public void send(int opcode, byte[] payload) {
        sendFrame(true, opcode, payload);
    }

    /** A text message as a permessage-deflate message (RSV1 set, deflated on its own), agreed or not. */
    public void sendCompressed(String text) {
        sendCompressed(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A text or binary message as a permessage-deflate message (RSV1 set, deflated on its own), agreed or not. */
    public void sendCompressed(int opcode, byte[] raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(raw);
        byte[] room = new byte[raw.length + 64];
        int n = deflater.deflate(room, 0, room.length, Deflater.SYNC_FLUSH);
        deflater.end();
        byte[] payload = Arrays.copyOf(room, n - SYNC_FLUSH_TAIL.length);
        sendFrame(0x80 | RSV1 | opcode, payload);
    }

    /** One frame, masked as a client's must be (RFC 6455 §5.3); {@code fin=false} starts or continues a fragment. */
    public void sendFrame(boolean fin, int opcode, byte[] payload) {
        sendFrame((fin ? 0x80 : 0) | opcode, payload);
    }

    private void sendFrame(int firstByte, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(firstByte);
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
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        sendRaw(frame.toByteArray());
    }

    /** Bytes as they are, framed or not: for what no WebSocket client would send. */
    public synchronized void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next message or close frame within {@code timeout}, or null; a connection that ended without a close frame
     * gives a close 1006. On demand without answering pings, pings and pongs come too.
     */
    public Frame nextFrame(Duration timeout) {
        try {
            if (options.background) {
                Frame frame = received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
                if (frame != null && frame.isClose()) {
                    received.add(frame); // every later read sees the end too
                }
                return frame;
            }
            if (closeFrame != null) {
                return closeFrame;
            }
            Frame frame = readMessage(timeout);
            if (frame != null && frame.isClose()) {
                closeFrame = frame;
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message, ping or pong (on demand, unanswered) or close; a test failure after {@link #WAIT}. */
    public Frame nextFrame() {
        Frame frame = nextFrame(WAIT);
        if (frame == null) {
            fail("no frame within " + WAIT.toMillis() + " ms");
        }
        return frame;
    }

    /** The next text message that is not skipped, or a test failure after {@link #WAIT}. */
    public String next() {
        return next(WAIT);
    }

    public String next(Duration timeout) {
        return nextText(timeout, options.skipped);
    }

    /** The next text message, skipped kinds included, or a test failure after {@code timeout}. */
    private String nextText(Duration timeout, Predicate<String> skipped) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = nextFrame(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (frame == null) {
                return fail("no message within " + timeout.toMillis() + " ms");
            }
            if (frame.isClose()) {
                return fail("connection closed (" + frame.closeCode() + " " + frame.closeReason()
                        + ") while a message was expected");
            }
            if (frame.opcode() == TEXT && !skipped.test(frame.text())) {
                return frame.text();
            }
        }
    }

    /**
     * The next text message that {@code wanted} accepts; the ones before it are passed over. Kinds the options skip
     * are offered too: {@code wanted} decides.
     */
    public String next(Predicate<String> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail("no matching message within " + WAIT.toMillis() + " ms");
            }
            String text = nextText(Duration.ofNanos(left), NOTHING);
            if (wanted.test(text)) {
                return text;
            }
        }
    }

    public Map<String, Object> nextJson() {
        return Json.object(next());
    }

    /** Passes over messages until one matches (kinds the options skip are offered too); returns it parsed. */
    public Map<String, Object> nextJson(Predicate<Map<String, Object>> wanted) {
        return nextJson(wanted, WAIT);
    }

    public Map<String, Object> nextJson(Predicate<Map<String, Object>> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail("no matching message within " + timeout.toMillis() + " ms");
            }
            Map<String, Object> message = Json.object(nextText(Duration.ofNanos(left), NOTHING));
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    /** The next message, which must be a JSON object of this {@code type}. */
    public Map<String, Object> nextJson(String type) {
        Map<String, Object> message = nextJson();
        assertEquals(type, message.get("type"), () -> "message " + message);
        return message;
    }

    /** Sends a message and returns the next one. */
    public Map<String, Object> request(String text) {
        send(text);
        return nextJson();
    }

    private static final Predicate<String> NOTHING = text -> false;

    /** Every text message that arrives within {@code window} (skipped ones excepted). */
    public List<String> during(Duration window) {
        List<String> messages = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        for (long left = window.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Frame frame = nextFrame(Duration.ofNanos(left));
            if (frame == null || frame.isClose()) {
                if (frame != null) {
                    return messages;
                }
                continue;
            }
            if (frame.opcode() == TEXT && !options.skipped.test(frame.text())) {
                messages.add(frame.text());
            }
        }
        return messages;
    }

    /** Asserts that no message (skipped ones excepted) arrives for {@code quiet}. */
    public void assertSilentFor(Duration quiet) {
        List<String> arrived = during(quiet);
        if (!arrived.isEmpty()) {
            fail("expected silence for " + quiet.toMillis() + " ms but received " + arrived.get(0));
        }
    }

    /** Waits for the server to end the connection, passing over messages; returns its close frame. */
    public Frame awaitClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Frame frame = left > 0 ? nextFrame(Duration.ofNanos(left)) : null;
            if (frame == null) {
                return fail("connection did not end within " + timeout.toMillis() + " ms");
            }
            if (frame.isClose()) {
                return frame;
            }
        }
    }

    public int awaitClose() {
        return awaitClose(WAIT).closeCode();
    }

    public void assertClosedWith(int code, String reason) {
        assertClosedWith(code, reason, WAIT);
    }

    public void assertClosedWith(int code, String reason, Duration timeout) {
        Frame close = awaitClose(timeout);
        assertEquals(code, close.closeCode(), "close code (reason: " + close.closeReason() + ")");
        assertEquals(reason, close.closeReason(), "close reason");
    }

    /** True once the connection has ended (seen by the reader thread, or by a read on demand). */
    public boolean ended() {
        return closeFrame != null;
    }

    /** The close code once the connection has ended (1006 without a close frame), -1 before. */
    public int closeCode() {
        Frame close = closeFrame;
        return close == null ? -1 : close.closeCode();
    }

    /** The close reason once the connection has ended, null before. */
    public String closeReason() {
        Frame close = closeFrame;
        return close == null ? null : close.closeReason();
    }

    /** Every message that has arrived and not been taken (skipped ones excepted), without waiting. */
    public List<String> drain() {
        List<String> drained = new ArrayList<>();
        for (Frame frame = nextFrame(Duration.ZERO); frame != null && !frame.isClose();
             frame = nextFrame(Duration.ZERO)) {
            if (frame.opcode() == TEXT && !options.skipped.test(frame.text())) {
                drained.add(frame.text());
            }
        }
        return drained;
    }

    /** True once the server has ended the connection (close frame or end of stream) within {@link #WAIT}. */
    public boolean closedByServer() {
        try {
            awaitClose(WAIT);
            return true;
        } catch (AssertionError stillOpen) {
            return false;
        }
    }

    /** Closes politely (1000, waiting briefly for the server's answer), then drops the connection. */
    @Override
    public void close() {
        try {
            if (status == 101 && closeFrame == null && !socket.isClosed()) {
                sendClose(1000, "bye");
                if (options.background) {
                    nextCloseWithin(Duration.ofSeconds(2));
                }
            }
        } catch (UncheckedIOException alreadyGone) {
            // the server closed first
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // a loopback socket in a test
            }
        }
    }

    private void nextCloseWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Frame frame = nextFrame(Duration.ofNanos(left));
            if (frame == null || frame.isClose()) {
                return;
            }
        }
    }

    private void readUntilClosed() {
        while (true) {
            Frame frame;
            try {
                frame = readMessage(null);
            } catch (UncheckedIOException broken) {
                frame = END_OF_STREAM;
            }
            if (frame.isClose()) {
                closeFrame = frame;
                if (frame != END_OF_STREAM) {
                    try {
                        send(CLOSE, frame.payload().length >= 2 ? new byte[] {frame.payload()[0], frame.payload()[1]}
                                : new byte[0]);
                    } catch (UncheckedIOException ignored) {
                        // the server may have dropped the connection already
                    }
                }
                received.add(frame);
                return;
            }
            received.add(frame);
        }
    }

    /** One permessage-deflate message, inflated without any context from the messages before it. */
    private byte[] inflate(byte[] deflated) throws IOException {
        inflater.reset();
        inflater.setInput(deflated);
        ByteArrayOutputStream inflated = new ByteArrayOutputStream(deflated.length * 4);
        byte[] chunk = new byte[4096];
        try {
            boolean tailGiven = false;
            while (true) {
                int n = inflater.inflate(chunk);
                inflated.write(chunk, 0, n);
                if (n == 0 && inflater.needsInput()) {
                    if (tailGiven) {
                        return inflated.toByteArray();
                    }
                    inflater.setInput(SYNC_FLUSH_TAIL);
                    tailGiven = true;
                } else if (n == 0 && (inflater.finished() || inflater.needsDictionary())) {
                    return inflated.toByteArray();
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("compressed message does not inflate on its own: " + e.getMessage(), e);
        }
    }

    /**
     * Reads frames until a whole message or a close; null if no frame started within {@code timeout} (null: wait
     * for ever). Once a frame has started it is read to its end.
     */
    private Frame readMessage(Duration timeout) {
        ByteArrayOutputStream message = null;
        int messageOpcode = 0;
        boolean compressed = false;
        try {
            while (true) {
                int b0;
                try {
                    socket.setSoTimeout(timeout == null || message != null ? 0
                            : (int) Math.max(1, timeout.toMillis()));
                    b0 = in.read();
                } catch (SocketTimeoutException quiet) {
                    return null;
                }
                if (b0 < 0) {
                    return END_OF_STREAM;
                }
                socket.setSoTimeout((int) WAIT.toMillis());
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
                if (opcode == PING || opcode == PONG) {
                    if (!options.answerPings) {
                        return new Frame(opcode, payload); // the test sees (and may count) them
                    }
                    if (opcode == PING) {
                        send(PONG, payload);
                    }
                    continue;
                }
                if (opcode == CLOSE) {
                    return new Frame(CLOSE, payload);
                }
                if (opcode != CONTINUATION) {
                    messageOpcode = opcode;
                    message = new ByteArrayOutputStream(payload.length);
                    compressed = (b0 & RSV1) != 0;
                    if (compressed && !deflate) {
                        throw new IOException("RSV1 set but permessage-deflate was not agreed");
                    }
                }
                if (message == null) {
                    throw new IOException("continuation frame without a message to continue");
                }
                message.write(payload);
                if (fin) {
                    byte[] whole = message.toByteArray();
                    return new Frame(messageOpcode, compressed ? inflate(whole) : whole, compressed);
                }
            }
        } catch (EOFException end) {
            return END_OF_STREAM;
        } catch (IOException e) {
            if (socket.isClosed() || String.valueOf(e.getMessage()).contains("reset")) {
                return END_OF_STREAM;
            }
            throw new UncheckedIOException(e);
        }
    }
}
