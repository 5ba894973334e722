package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.WebSocketClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An orderly close: 1001 to every client, a deaf one included, no more connections accepted, nothing left running.
 * The timeout is generous: what is checked is that close returns with the work done, not how fast a busy machine is.
 */
class ShutdownTest {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void closeSends1001ToEveryClientStopsAcceptingAndStopsItsEventLoops() throws Exception {
        Harness harness = new Harness(Harness.options());
        try {
            List<WebSocketClient> clients = List.of(harness.client(), harness.client(), harness.client());
            Harness.subscribe(clients.get(0), "[\"*\"]", false);
            WebSocketClient deaf = harness.track(WebSocketClient.to(harness.port(), "/ws")
                    .readOnDemand().connect()); // never answers
            int port = harness.port();
            LoopFanout[] loops = harness.server.loops();

            long start = System.nanoTime();
            harness.server.close(CLOSE_TIMEOUT);
            long took = System.nanoTime() - start;

            assertTrue(took < CLOSE_TIMEOUT.toNanos(), "close took " + took / 1_000_000 + " ms");
            for (LoopFanout loop : loops) {
                assertTrue(loop.loop.isTerminated(), "an event loop still running after close");
            }
            for (WebSocketClient client : clients) {
                assertEquals(1001, client.awaitClose());
                assertEquals("server shutting down", client.closeReason());
            }
            WebSocketClient.Frame frame;
            while ((frame = deaf.nextFrame()).opcode() != WebSocketClient.CLOSE) {
                // welcome
            }
            assertEquals(1001, frame.closeCode());
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                }
            });
            assertEquals(0, harness.server.view().subscriberCount());
        } finally {
            harness.close();
        }
    }
}
