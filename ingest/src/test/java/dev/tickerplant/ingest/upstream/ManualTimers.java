package dev.tickerplant.ingest.upstream;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * {@link Timers} on a clock the test moves: tasks run on the test's thread, in due order (ties in the order they were
 * scheduled), and only inside {@link #advance}. Time never moves by itself.
 */
final class ManualTimers implements Timers {
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparingLong((Task t) -> t.dueNanos).thenComparingLong(t -> t.order));
    private long now = Duration.ofHours(1).toNanos(); // not 0, so nothing can pass by mistaking 0 for "unset"
    private long scheduled;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Scheduled schedule(Runnable task, long delayNanos) {
        Task t = new Task(now + Math.max(0, delayNanos), scheduled++, task);
        queue.add(t);
        return () -> t.cancelled = true;
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, 0);
    }

    /** Moves the clock forward, running every task that falls due on the way at its own time. */
    void advance(Duration by) {
        long target = now + by.toNanos();
        while (!queue.isEmpty() && queue.peek().dueNanos - target <= 0) {
            Task next = queue.poll();
            now = next.dueNanos;
            if (!next.cancelled) {
                next.task.run();
            }
        }
        now = target;
    }

    void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** Runs what is due now (tasks handed to {@link #execute} and zero delays), without moving the clock. */
    void runDue() {
        advance(Duration.ZERO);
    }

    private static final class Task {
        final long dueNanos;
        final long order;
        final Runnable task;
        boolean cancelled;

        Task(long dueNanos, long order, Runnable task) {
            this.dueNanos = dueNanos;
            this.order = order;
            this.task = task;
        }
    }
}
