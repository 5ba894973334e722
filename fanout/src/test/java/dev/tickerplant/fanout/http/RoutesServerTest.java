package dev.tickerplant.fanout.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tickerplant.fanout.security.AccessPolicy;
import dev.tickerplant.testing.Http;
import dev.tickerplant.transport.Transport;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The routes-only server answers whole requests and closes a connection whose request never completes. */
class RoutesServerTest {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

    @Test
    void anUnfinishedRequestIsClosedAfterTheRequestTimeout() throws IOException {
        try (RoutesServer server = RoutesServer.start("127.0.0.1", 0, null, AccessPolicy.open(),
                Transport.forThisProcess(), Duration.ofSeconds(1));
             Socket partial = new Socket("127.0.0.1", server.port())) {
            assertEquals(404, Http.get(server.port(), "/health").statusCode(), "a whole request is answered");

            partial.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            partial.setSoTimeout((int) CLOSE_WAIT.toMillis());
            try {
                assertEquals(-1, partial.getInputStream().read(), "closed without an answer");
            } catch (SocketTimeoutException stillOpen) {
                fail("the unfinished request is still open after " + CLOSE_WAIT.toSeconds() + " s");
            }
        }
    }
}
