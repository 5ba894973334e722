package dev.tickerplant.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tickerplant.transport.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watchdog's rule: every event loop runs a task in time, and the ring consumer moves or has nothing to do. */
class LivenessProbeTest {
    private static final Duration WITHIN = Duration.ofSeconds(5);

    private final EventLoopGroup group = Transport.NIO.group(2, new DefaultThreadFactory("probe-test", true));
    private final SettableFigures figures = new SettableFigures(group, "ready", "");
    private final LivenessProbe probe = new LivenessProbe(figures);

    @AfterEach
    void stopLoops() {
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    @Test
    void idleLoopsAndAnEmptyRingAreAlive() {
        assertNull(probe.check(WITHIN));
        assertNull(probe.check(WITHIN));
    }

    @Test
    void aConsumerBehindButMovingIsAlive() {
        figures.claimed.set(100);
        figures.consumed.set(10);
        assertNull(probe.check(WITHIN));
        figures.consumed.set(50);
        assertNull(probe.check(WITHIN));
    }

    @Test
    void aConsumerThatDidNotMoveWithTicksWaitingIsStuck() {
        figures.claimed.set(100);
        figures.consumed.set(10);
        assertNull(probe.check(WITHIN), "the first check has nothing to compare with");
        assertEquals("the ring consumer is stuck at sequence 10 with 90 ticks waiting", probe.check(WITHIN));
        figures.consumed.set(100);
        assertNull(probe.check(WITHIN), "caught up again");
    }

    @Test
    void aBusyEventLoopFailsTheCheck() throws InterruptedException {
        try (HeldLoop held = HeldLoop.hold(figures.eventLoops().get(1))) {
            assertEquals("an event loop did not run a task within 50 ms", probe.check(Duration.ofMillis(50)));
        }
        assertNull(probe.check(WITHIN));
    }
}
