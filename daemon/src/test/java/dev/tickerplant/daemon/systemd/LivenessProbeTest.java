package dev.tickerplant.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tickerplant.transport.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watchdog's rule: every event loop runs a task in time, and the ring consumer moves or has nothing to do. */
class LivenessProbeTest {
    private static final Duration WITHIN = Duration.ofSeconds(5);

    private final EventLoopGroup group = Transport.NIO.group(2, new DefaultThreadFactory("probe-test", true));
    private final AtomicLong claimed = new AtomicLong(-1);
    private final AtomicLong consumed = new AtomicLong(-1);
    private final LivenessProbe probe = new LivenessProbe(new Figures());

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
        claimed.set(100);
        consumed.set(10);
        assertNull(probe.check(WITHIN));
        consumed.set(50);
        assertNull(probe.check(WITHIN));
    }

    @Test
    void aConsumerThatDidNotMoveWithTicksWaitingIsStuck() {
        claimed.set(100);
        consumed.set(10);
        assertNull(probe.check(WITHIN), "the first check has nothing to compare with");
        assertEquals("the ring consumer is stuck at sequence 10 with 90 ticks waiting", probe.check(WITHIN));
        consumed.set(100);
        assertNull(probe.check(WITHIN), "caught up again");
    }

    @Test
    void aBusyEventLoopFailsTheCheck() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        EventLoop stuck = loops().get(1);
        stuck.execute(() -> {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        busy.await();
        try {
            assertEquals("an event loop did not run a task within 50 ms", probe.check(Duration.ofMillis(50)));
        } finally {
            release.countDown();
        }
        assertNull(probe.check(WITHIN));
    }

    private List<EventLoop> loops() {
        List<EventLoop> loops = new ArrayList<>();
        group.forEach(e -> loops.add((EventLoop) e));
        return loops;
    }

    private final class Figures implements ServiceFigures {
        @Override
        public String healthStatus() {
            return "ready";
        }

        @Override
        public String statusLine() {
            return "";
        }

        @Override
        public List<EventLoop> eventLoops() {
            return loops();
        }

        @Override
        public long ringClaimed() {
            return claimed.get();
        }

        @Override
        public long ringConsumed() {
            return consumed.get();
        }
    }
}
