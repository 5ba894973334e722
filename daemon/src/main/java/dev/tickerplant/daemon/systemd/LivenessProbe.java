package dev.tickerplant.daemon.systemd;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Is the daemon still doing its work? Every event loop must run a no-op within the allowed time, and the ring
 * consumer must have moved on since the last check, or be idle with nothing left to take. A process whose threads are
 * merely alive but stuck fails this, which is what the systemd watchdog is for.
 */
final class LivenessProbe {
    private final ServiceFigures figures;
    private long lastConsumed = Long.MIN_VALUE;

    LivenessProbe(ServiceFigures figures) {
        this.figures = figures;
    }

    /** Null when alive; otherwise why not, in a few words. Called from one thread at a time. */
    String check(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<EventLoop> loops = figures.eventLoops();
        List<Future<?>> answers = new ArrayList<>(loops.size());
        for (EventLoop loop : loops) {
            try {
                answers.add(loop.submit(() -> { }));
            } catch (RejectedExecutionException e) {
                return "an event loop has stopped";
            }
        }
        for (Future<?> answer : answers) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!answer.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                return "an event loop did not run a task within " + within.toMillis() + " ms";
            }
        }
        return ringConsumer();
    }

    private String ringConsumer() {
        // Claimed first: a tick claimed after it cannot make an idle consumer look behind.
        long claimed = figures.ringClaimed();
        long consumed = figures.ringConsumed();
        boolean progressed = consumed != lastConsumed;
        lastConsumed = consumed;
        if (progressed || consumed >= claimed) {
            return null;
        }
        return "the ring consumer is stuck at sequence " + consumed + " with " + (claimed - consumed)
                + " ticks waiting";
    }
}
