package dev.tickerplant.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.testing.LogCapture;
import dev.tickerplant.transport.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ServiceManager's decisions, one step at a time on a clock of the test's own: READY=1 when /health first says ready
 * or, after the start-up timeout, with a STATUS= saying why not; WATCHDOG=1 only while every event loop answers and
 * the ring consumer moves; nothing after STOPPING=1. The event loops are real; the figures and the sink stand in.
 */
class ServiceManagerTest {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String STARTING = "0/20 connected, 0/300 products receiving data";
    private static final String STREAMING = "20/20 connected, 300/300 products receiving data";
    /** Generous for a loop that is free: only a stuck loop should miss it. */
    private static final Duration WITHIN = Duration.ofSeconds(5);

    private final EventLoopGroup group = Transport.NIO.group(2, new DefaultThreadFactory("manager-test", true));
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final SettableFigures figures = new SettableFigures(group, "down", STARTING);
    private final ServiceManager manager = new ServiceManager(sent::add, figures, READY_TIMEOUT, nanos::get);

    @AfterEach
    void stop() {
        manager.close();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    @Test
    void readyOnceHealthSaysReadyAndNeverAgain() {
        figures.health = "degraded";
        manager.announceReadiness();
        manager.refreshStatus();
        assertEquals(List.of("STATUS=Starting: " + STARTING), sent);

        figures.health = "ready";
        figures.status = STREAMING;
        advance(Duration.ofSeconds(3));
        manager.announceReadiness();
        advance(READY_TIMEOUT);
        manager.announceReadiness();
        manager.refreshStatus();

        assertEquals(List.of("STATUS=Starting: " + STARTING, "READY=1\nSTATUS=" + STREAMING, "STATUS=" + STREAMING),
                sent);
    }

    @Test
    void readyAfterTheStartUpTimeoutWithAStatusSayingWhyNot() {
        try (LogCapture logs = LogCapture.ofEverything()) {
            figures.health = "down";
            manager.announceReadiness();
            advance(READY_TIMEOUT.minusMillis(1));
            manager.announceReadiness();
            assertEquals(List.of(), sent, "not before the timeout");

            advance(Duration.ofMillis(1));
            manager.announceReadiness();
            String why = "Not ready after 60 s (health down): " + STARTING;
            assertEquals(List.of("READY=1\nSTATUS=" + why), sent);
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("told systemd the start is done, though: "
                    + why)), String.join("\n", logs.lines()));

            // Told once: the daemon getting ready later changes the status lines, not READY=1.
            figures.health = "ready";
            figures.status = STREAMING;
            manager.announceReadiness();
            manager.refreshStatus();
            assertEquals(List.of("READY=1\nSTATUS=" + why, "STATUS=" + STREAMING), sent);
        }
    }

    @Test
    void noWatchdogPingWhileAnEventLoopIsStuckAndPingsAgainOnceItAnswers() throws InterruptedException {
        try (LogCapture logs = LogCapture.ofEverything()) {
            manager.pingIfAlive(WITHIN);
            assertEquals(List.of("WATCHDOG=1"), sent);

            try (HeldLoop held = HeldLoop.hold(figures.eventLoops().get(1))) {
                manager.pingIfAlive(Duration.ofMillis(50));
                manager.pingIfAlive(Duration.ofMillis(50));
                assertEquals(List.of("WATCHDOG=1"), sent, "no ping while a loop is stuck");
            }
            manager.pingIfAlive(WITHIN);
            assertEquals(List.of("WATCHDOG=1", "WATCHDOG=1"), sent);
            List<String> said = logs.lines().stream().filter(l -> l.contains("watchdog ping")
                    || l.contains("liveness restored")).map(l -> l.substring(l.indexOf(" - ") + 3)).toList();
            assertEquals(List.of("no systemd watchdog ping: an event loop did not run a task within 50 ms",
                    "liveness restored: systemd watchdog pings resumed"), said, "each change logged once");
        }
    }

    @Test
    void noWatchdogPingWhileTheRingConsumerIsStuckWithTicksWaiting() {
        figures.claimed.set(100);
        figures.consumed.set(10);
        manager.pingIfAlive(WITHIN);
        assertEquals(List.of("WATCHDOG=1"), sent, "the first check has nothing to compare with");

        manager.pingIfAlive(WITHIN);
        manager.pingIfAlive(WITHIN);
        assertEquals(List.of("WATCHDOG=1"), sent, "no ping while the consumer stays at 10 with 90 waiting");

        figures.consumed.set(60);
        manager.pingIfAlive(WITHIN);
        assertEquals(List.of("WATCHDOG=1", "WATCHDOG=1"), sent, "moving again");
    }

    @Test
    void stoppingIsTheLastWord() {
        manager.close();
        figures.health = "ready";
        manager.announceReadiness();
        manager.refreshStatus();
        manager.pingIfAlive(WITHIN);
        manager.reloaded(STREAMING);

        assertEquals(List.of("STOPPING=1"), sent);
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
