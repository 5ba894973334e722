package dev.tickerplant.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.WebSocketClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slowloris on a real socket: requests trickled a byte at a time, a plain one and a WebSocket upgrade, are closed once
 * the request timeout has passed, however steadily their bytes come, and are counted; a WebSocket subscriber and a
 * keep-alive connection that sent its request whole stay served. When exactly the deadline falls is
 * HttpRequestDeadlineTest's part.
 */
class SlowRequestTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Far past the timeout and the idle timeout of these tests' options, so only the request timeout can close. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);
    /** Header lines that never end the head: the trickled request is never complete. */
    private static final byte[] ENDLESS_HEADER = "X-Pad: slow\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
    private final Harness harness = new Harness(Harness.options().withHttpRequestTimeout(TIMEOUT)
            .withHeartbeatInterval(Duration.ofSeconds(30)));

    @AfterEach
    void close() {
        senders.shutdownNow();
        harness.close();
    }

    @Test
    void requestsTrickledByteByByteAreClosedAndCountedWhileCompleteOnesStay() throws Exception {
        WebSocketClient subscriber = harness.client();
        long start = System.nanoTime(); // before the slow sockets connect, when their deadlines start
        try (Http.RawResponse keptAlive = Http.raw(harness.port(), "GET", "/health", "Connection: keep-alive");
             Socket plain = new Socket("127.0.0.1", harness.port());
             Socket upgrade = new Socket("127.0.0.1", harness.port())) {
            assertEquals(404, keptAlive.status(), keptAlive.body()); // no routes in this harness; still answered
            AtomicInteger plainSent = trickle(plain, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            AtomicInteger upgradeSent = trickle(upgrade, "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n");

            awaitClosedByServer(plain, "the trickled plain request");
            awaitClosedByServer(upgrade, "the trickled upgrade");
            assertTrue(System.nanoTime() - start >= TIMEOUT.toNanos(), "closed before the timeout");
            assertTrue(plainSent.get() > 1 && upgradeSent.get() > 1, "bytes kept coming: not an idle connection");
            await().until(() -> harness.server.view().slowRequestsClosed() == 2);

            // Both were connected all that time, longer than the request timeout: neither is closed by it.
            assertEquals(404, nextStatus(keptAlive.socket()), "the keep-alive connection still answers");
            Harness.assertNothingElsePending(subscriber);
            assertEquals(1, harness.server.view().subscriberCount());
            assertEquals(2, harness.server.view().slowRequestsClosed());
        }
    }

    /** Writes the head one byte every 100 ms, then header lines forever, until the server closes the socket. */
    private AtomicInteger trickle(Socket socket, String head) {
        byte[] start = head.getBytes(StandardCharsets.ISO_8859_1);
        AtomicInteger sent = new AtomicInteger();
        senders.scheduleWithFixedDelay(() -> {
            int n = sent.get();
            byte b = n < start.length ? start[n] : ENDLESS_HEADER[(n - start.length) % ENDLESS_HEADER.length];
            try {
                OutputStream out = socket.getOutputStream();
                out.write(b);
                out.flush();
                sent.incrementAndGet();
            } catch (IOException closed) {
                throw new IllegalStateException("closed", closed); // ends this sender's schedule
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        return sent;
    }

    /** Blocks until the server ends the stream or resets it; fails when it is still open after {@link #CLOSE_WAIT}. */
    private static void awaitClosedByServer(Socket socket, String what) throws IOException {
        socket.setSoTimeout((int) CLOSE_WAIT.toMillis());
        try {
            int b = socket.getInputStream().read();
            assertEquals(-1, b, what + ": expected the end of the stream, not an answer");
        } catch (SocketTimeoutException stillOpen) {
            fail(what + " is still open after " + CLOSE_WAIT.toSeconds() + " s");
        } catch (IOException reset) {
            // closed while the sender was writing: a reset is a close too
        }
    }

    /** Sends another request on a kept-alive connection and reads the status of its answer. */
    private static int nextStatus(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        byte[] statusLine = in.readNBytes("HTTP/1.1 404".length());
        String line = new String(statusLine, StandardCharsets.ISO_8859_1);
        assertTrue(line.startsWith("HTTP/1.1 "), line);
        return Integer.parseInt(line.substring("HTTP/1.1 ".length()));
    }
}
