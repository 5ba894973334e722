package dev.tickerplant.sim.market;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that turns the generator into a stream of trades at the configured total rate.
 *
 * <p>With {@link TickSchedule.Pacing#POISSON} pacing, arrivals of the whole market form one Poisson process; each
 * arrival picks its product by weight, which is the same as independent per-product Poisson processes whose rates are
 * proportional to the weights. With {@link TickSchedule.Pacing#CONSTANT} pacing, arrival k is due exactly k periods
 * after the schedule was anchored and is stamped with that intended time, however late the pump gets to it: a backlog
 * is emitted in full, never skipped, so lateness shows up in every client's measured latency.
 *
 * <p>Every arrival that is due when the thread wakes up is generated and published as one batch. The pump is the
 * single writer of the market: it appends each batch to the {@link EmittedTickLog} and the {@link LatestTicks} before
 * handing it on. It generates and records each batch holding a lock that {@link #exclusive} takes too, so a listing
 * change made there falls between two batches: none is half generated under the old listing and half under the new.
 */
final class TickPump implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TickPump.class);
    private static final int MAX_BATCH = 4096;
    /** After a stall (GC, suspended machine) the pump skips the backlog instead of bursting to catch up. */
    private static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long PAUSE_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /**
     * How long pausing waits for the pump to confirm: far longer than any batch takes, even on a starved machine, so a
     * caller only returns unconfirmed when the pump is truly stuck.
     */
    private static final long PAUSE_CONFIRM_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final TickGenerator generator;
    private final EmittedTickLog emitted;
    private final LatestTicks latest;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final TickSchedule.Pacing pacing;
    private final SplittableRandom arrivals;
    private final Consumer<List<Tick>> sink;
    private final Thread thread;
    /** Fair, so that a listing change waiting for it is not overtaken by the next batch of a backlog. */
    private final ReentrantLock generating = new ReentrantLock(true);
    private volatile double ticksPerSecond;
    private volatile boolean paused;
    /** Pause requests issued, and the latest one the pump has obeyed; lets {@link #paused(boolean)} wait for it. */
    private final AtomicLong pauseRequests = new AtomicLong();
    private volatile long pauseObeyed;
    private volatile boolean reanchor = true;
    private volatile boolean running = true;

    TickPump(TickGenerator generator, EmittedTickLog emitted, LatestTicks latest, long seed, double ticksPerSecond,
             TickSchedule.Pacing pacing, Clock clock, LongSupplier nanoTime, Consumer<List<Tick>> sink) {
        this.generator = generator;
        this.emitted = emitted;
        this.latest = latest;
        this.pacing = pacing;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.arrivals = new SplittableRandom(seed ^ 0xC2B2AE3D27D4EB4FL);
        this.sink = sink;
        this.ticksPerSecond = checkRate(ticksPerSecond);
        this.thread = new Thread(this::run, "sim-tick-pump");
        this.thread.setDaemon(true);
    }

    static double checkRate(double ticksPerSecond) {
        if (!(ticksPerSecond >= 0) || ticksPerSecond > Market.MAX_TICKS_PER_SECOND) {
            throw new IllegalArgumentException("tick rate: " + ticksPerSecond + " (expected: 0.." + Market.MAX_TICKS_PER_SECOND
                    + " ticks per second)");
        }
        return ticksPerSecond;
    }

    void start() {
        thread.start();
    }

    double ticksPerSecond() {
        return ticksPerSecond;
    }

    void ticksPerSecond(double rate) {
        this.ticksPerSecond = checkRate(rate);
        this.reanchor = true;
        LockSupport.unpark(thread);
    }

    boolean paused() {
        return paused;
    }

    /** Pausing returns once the pump has finished the batch it was generating; after that nothing more is emitted. */
    void paused(boolean paused) {
        long request = pauseRequests.incrementAndGet();
        this.paused = paused;
        this.reanchor = true;
        LockSupport.unpark(thread);
        if (paused && thread.isAlive() && Thread.currentThread() != thread) {
            long deadline = System.nanoTime() + PAUSE_CONFIRM_NANOS;
            while (pauseObeyed < request && thread.isAlive() && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(this, PAUSE_POLL_NANOS);
            }
        }
    }

    /**
     * Runs {@code change} between two batches, so that once it returns every later tick is generated under it. Waits
     * at most for the batch under way.
     */
    <T> T exclusive(Supplier<T> change) {
        generating.lock();
        try {
            return change.get();
        } finally {
            generating.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        if (pacing == TickSchedule.Pacing.CONSTANT) {
            runConstant();
        } else {
            runPoisson();
        }
    }

    private void runPoisson() {
        long next = 0;
        while (running) {
            double rate = ticksPerSecond;
            if (idle(rate)) {
                continue;
            }
            long now = nanoTime.getAsLong();
            if (reanchor) {
                reanchor = false;
                next = now + gapNanos(rate);
            } else if (now - next > MAX_LAG_NANOS) {
                next = now;
            }
            List<Tick> batch = new ArrayList<>();
            generating.lock();
            try {
                while (next - now <= 0 && batch.size() < MAX_BATCH && generator.hasTradingProducts()) {
                    batch.add(generator.next());
                    next += gapNanos(rate);
                }
                record(batch);
            } finally {
                generating.unlock();
            }
            handOn(batch);
            parkUntil(next);
        }
    }

    /**
     * Arrival k is due at {@code anchor + k * period}. Due times are computed from the anchor, not accumulated, so
     * they do not drift; the wall-clock stamp is the anchor's wall time plus the same offset, read once per anchor so
     * that a clock adjustment cannot reorder intended times.
     */
    private void runConstant() {
        long anchorNanos = 0;
        long anchorEpochNanos = 0;
        double periodNanos = 0;
        long k = 0;
        long next = 0;
        while (running) {
            double rate = ticksPerSecond;
            if (idle(rate)) {
                continue;
            }
            long now = nanoTime.getAsLong();
            if (reanchor) {
                reanchor = false;
                Instant wall = clock.instant();
                anchorNanos = now;
                anchorEpochNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
                periodNanos = 1e9 / rate;
                k = 1;
                next = anchorNanos + Math.round(periodNanos);
            }
            List<Tick> batch = new ArrayList<>();
            generating.lock();
            try {
                while (next - now <= 0 && batch.size() < MAX_BATCH && generator.hasTradingProducts()) {
                    long intendedEpochNanos = anchorEpochNanos + (next - anchorNanos);
                    batch.add(generator.next(Instant.ofEpochSecond(0, intendedEpochNanos)));
                    k++;
                    next = anchorNanos + Math.round(k * periodNanos);
                }
                record(batch);
            } finally {
                generating.unlock();
            }
            handOn(batch);
            parkUntil(next);
        }
    }

    /** Parks while paused, stopped at rate 0, or without tradable products; true when it did. */
    private boolean idle(double rate) {
        long pauseRequest = pauseRequests.get();
        if (paused) {
            pauseObeyed = pauseRequest;
        }
        if (paused || rate <= 0 || !generator.hasTradingProducts()) {
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            reanchor = true;
            return true;
        }
        return false;
    }

    private void parkUntil(long dueNanos) {
        long wait = dueNanos - nanoTime.getAsLong();
        if (wait > 0) {
            LockSupport.parkNanos(this, wait);
        }
    }

    private void record(List<Tick> batch) {
        emitted.appendAll(batch);
        for (Tick tick : batch) {
            latest.record(tick);
        }
    }

    private void handOn(List<Tick> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            sink.accept(Collections.unmodifiableList(batch));
        } catch (RuntimeException e) {
            log.warn("tick sink failed on a batch of {} ticks; generation continues", batch.size(), e);
        }
    }

    /** Exponential inter-arrival time of a Poisson process with the given rate. */
    private long gapNanos(double rate) {
        double seconds = -Math.log(1 - arrivals.nextDouble()) / rate;
        return Math.max(1, (long) (seconds * 1e9));
    }
}
