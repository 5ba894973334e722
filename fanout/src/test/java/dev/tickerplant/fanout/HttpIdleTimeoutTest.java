package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A plain-HTTP connection is closed after the idle timeout without reads or writes, and not before. */
class HttpIdleTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MockTicker clock = Ticker.newMockTicker();
    private final EmbeddedChannel channel = EmbeddedChannel.builder().ticker(clock)
            .handlers(new HttpIdleTimeout(TIMEOUT)).build();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aConnectionWithNoTrafficIsClosedAtTheTimeout() {
        advance(TIMEOUT.minusNanos(1));
        assertTrue(channel.isOpen(), "closed before the timeout");

        advance(Duration.ofNanos(1));
        assertFalse(channel.isOpen());
    }

    @Test
    void readsAndWritesRestartTheWait() {
        advance(Duration.ofSeconds(4));
        channel.writeInbound("a request");
        advance(Duration.ofSeconds(4));
        channel.writeOutbound("a response");

        advance(TIMEOUT.minusNanos(1));
        assertTrue(channel.isOpen(), "the timeout counts from the last write");
        advance(Duration.ofNanos(1));
        assertFalse(channel.isOpen());
    }

    private void advance(Duration by) {
        clock.advance(by.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
    }
}
