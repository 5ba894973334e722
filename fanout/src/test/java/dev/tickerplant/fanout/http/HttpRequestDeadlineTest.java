package dev.tickerplant.fanout.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request must arrive whole within the timeout of the connection's opening, or of its first bytes on a kept-alive
 * connection: closed at the deadline and counted, open one nanosecond before, whatever bytes trickle in meanwhile. A
 * whole request stops the clock. Driven by the channel's clock, on the HTTP decoder the server uses.
 */
class HttpRequestDeadlineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String GET = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    private final MockTicker clock = Ticker.newMockTicker();
    private final AtomicInteger expired = new AtomicInteger();
    private final HttpRequestDeadline deadline = new HttpRequestDeadline(TIMEOUT, expired::incrementAndGet);
    private final EmbeddedChannel channel = EmbeddedChannel.builder().ticker(clock)
            .handlers(deadline, new HttpServerCodec(), deadline.requestEnd()).build();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheTimeout() {
        advance(TIMEOUT.minusNanos(1));
        assertTrue(channel.isOpen(), "closed before the timeout");
        assertEquals(0, expired.get());

        advance(Duration.ofNanos(1));
        assertFalse(channel.isOpen());
        assertEquals(1, expired.get());
    }

    @Test
    void bytesTricklingInDoNotExtendTheDeadline() {
        String partial = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: slow\r\n";
        for (int i = 0; i < 9; i++) {
            receive(partial.substring(i, i + 1));
            advance(Duration.ofSeconds(1));
        }
        receive(partial.substring(9, 10));
        advance(Duration.ofSeconds(1).minusNanos(1));
        assertTrue(channel.isOpen(), "closed before the timeout");

        advance(Duration.ofNanos(1));
        assertFalse(channel.isOpen());
        assertEquals(1, expired.get());
    }

    @Test
    void aWholeRequestStopsTheClock() {
        advance(TIMEOUT.minusNanos(1));
        receive(GET);
        assertEquals(1, requestsDecoded());

        advance(Duration.ofHours(1));
        assertTrue(channel.isOpen(), "a kept-alive connection between requests is the idle timeout's business");
        assertEquals(0, expired.get());
    }

    @Test
    void aRequestWhoseBodyTricklesIsClosedToo() {
        receive("POST /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nabc");
        advance(TIMEOUT.minusNanos(1));
        receive("d");
        assertTrue(channel.isOpen(), "closed before the timeout");

        advance(Duration.ofNanos(1));
        assertFalse(channel.isOpen());
        assertEquals(1, expired.get());
    }

    @Test
    void theNextRequestOnAKeptAliveConnectionIsTimedFromItsFirstBytes() {
        receive(GET);
        assertEquals(1, requestsDecoded());
        advance(Duration.ofSeconds(7)); // the check scheduled at the opening is still pending at the next request

        receive("GET /health HTTP/1.1\r\n");
        advance(TIMEOUT.minusNanos(1));
        assertTrue(channel.isOpen(), "the second request's deadline counts from its own first bytes");

        advance(Duration.ofNanos(1));
        assertFalse(channel.isOpen());
        assertEquals(1, expired.get());
    }

    @Test
    void pipelinedRequestsEachStopTheClock() {
        receive(GET + GET);
        assertEquals(2, requestsDecoded());
        advance(TIMEOUT.multipliedBy(3));
        assertTrue(channel.isOpen());
    }

    @Test
    void removedTheDeadlineNoLongerCloses() {
        channel.pipeline().remove(HttpServerCodec.class);
        channel.pipeline().remove(deadline);
        advance(TIMEOUT.multipliedBy(3));
        assertTrue(channel.isOpen(), "after a WebSocket upgrade the session's own timers decide");
    }

    private void receive(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
    }

    /** Requests (heads) the decoder passed on, releasing everything it decoded. */
    private int requestsDecoded() {
        int requests = 0;
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            if (msg instanceof io.netty.handler.codec.http.HttpRequest) {
                requests++;
            }
            ReferenceCountUtil.release(msg);
        }
        return requests;
    }

    private void advance(Duration by) {
        clock.advance(by.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
    }
}
