package dev.tickerplant.ingest.upstream;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** {@link Timers} on a session's pinned event loop: the production ones. */
final class EventLoopTimers implements Timers {
    private final EventLoop loop;
    private final LongSupplier nanoTime;

    /** @param nanoTime the clock the session reads; {@code System::nanoTime} in production, like the loop's own */
    EventLoopTimers(EventLoop loop, LongSupplier nanoTime) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    EventLoop loop() {
        return loop;
    }

    @Override
    public long nanoTime() {
        return nanoTime.getAsLong();
    }

    @Override
    public Scheduled schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> future = loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** While the loop shuts down it refuses new tasks; the task then runs at once, so a final close is still seen. */
    @Override
    public void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            task.run();
        }
    }
}
