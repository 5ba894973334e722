package dev.tickerplant.ingest.upstream;

/**
 * Where a session's timers run and what time it is: the session's event loop in production ({@link EventLoopTimers}),
 * a clock the test moves by hand in unit tests. Every deadline of a session goes through here — connect pacing,
 * subscribe timeouts, the watchdog, the backoff delay, the rotation deadline, the retire drain — so each can be proved
 * in milliseconds of test time instead of waited for.
 *
 * <p>All tasks run on one thread, the same one that delivers the session's channel events.
 */
interface Timers {

    /** A monotonic clock, in nanoseconds; the same one the delays below are measured with. */
    long nanoTime();

    /** Runs {@code task} once, {@code delayNanos} from now (at once, after the current task, when 0 or less). */
    Scheduled schedule(Runnable task, long delayNanos);

    /** Runs {@code task} after the current task. */
    void execute(Runnable task);

    /** A task that may still be cancelled. */
    interface Scheduled {
        /** Makes sure the task does not run, if it has not yet. */
        void cancel();
    }
}
