package dev.tickerplant.sim.market;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The simulated market: its products, their latest state, the log of emitted ticks, and the pump that trades.
 *
 * <p>Create it, wire a sink with {@link #start(Consumer)}, and control the pace at runtime.
 */
public final class Market implements AutoCloseable {

    /** Upper bound of the total tick rate; far above what a two-core machine can fan out. */
    public static final double MAX_TICKS_PER_SECOND = 1_000_000;

    private final ProductCatalog catalog;
    private final LatestTicks latest;
    private final EmittedTickLog emitted;
    private final TickGenerator generator;
    private final long seed;
    private final TickSchedule schedule;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private double initialRate;
    private boolean initiallyPaused;
    private TickPump pump;

    /**
     * @param ticksPerSecond total trades per second over all products
     * @param logCapacity    how many of the most recent ticks the {@link EmittedTickLog} keeps
     * @param clock          wall clock for trade times
     * @param nanoTime       monotonic clock that paces the trades
     */
    public Market(ProductCatalog catalog, long seed, double ticksPerSecond, int logCapacity, Clock clock,
                  LongSupplier nanoTime) {
        this(catalog, seed, ticksPerSecond, TickSchedule.poisson(), logCapacity, clock, nanoTime);
    }

    /**
     * @param ticksPerSecond total trades per second over all products
     * @param schedule       pacing of the trades and how each picks its product
     * @param logCapacity    how many of the most recent ticks the {@link EmittedTickLog} keeps
     * @param clock          wall clock for trade times
     * @param nanoTime       monotonic clock that paces the trades
     */
    public Market(ProductCatalog catalog, long seed, double ticksPerSecond, TickSchedule schedule, int logCapacity,
                  Clock clock, LongSupplier nanoTime) {
        this.catalog = catalog;
        this.seed = seed;
        this.schedule = schedule;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.initialRate = TickPump.checkRate(ticksPerSecond);
        this.latest = new LatestTicks(catalog);
        this.emitted = new EmittedTickLog(logCapacity);
        this.generator = new TickGenerator(catalog, seed, clock, schedule.order());
        generator.initialTicks().forEach(latest::record);
    }

    /** Starts trading; every generated batch goes to {@code sink} on the pump thread, after log and latest are updated. */
    public synchronized void start(Consumer<List<Tick>> sink) {
        if (pump != null) {
            throw new IllegalStateException("market already started");
        }
        pump = new TickPump(generator, emitted, latest, seed, initialRate, schedule.pacing(), clock, nanoTime, sink);
        pump.paused(initiallyPaused);
        pump.start();
    }

    public TickSchedule schedule() {
        return schedule;
    }

    public ProductCatalog catalog() {
        return catalog;
    }

    public LatestTicks latest() {
        return latest;
    }

    public EmittedTickLog emitted() {
        return emitted;
    }

    public synchronized double ticksPerSecond() {
        return pump == null ? initialRate : pump.ticksPerSecond();
    }

    /** Changes the total tick rate; takes effect at once. */
    public synchronized void ticksPerSecond(double rate) {
        if (pump == null) {
            initialRate = TickPump.checkRate(rate);
        } else {
            pump.ticksPerSecond(rate);
        }
    }

    public synchronized boolean paused() {
        return pump == null ? initiallyPaused : pump.paused();
    }

    /**
     * Stops or restarts generation. Pausing returns once the pump is idle, so no tick is emitted after it returns; a
     * resumed market does not burst to make up for the pause.
     */
    public synchronized void paused(boolean paused) {
        if (pump == null) {
            initiallyPaused = paused;
        } else {
            pump.paused(paused);
        }
    }

    @Override
    public synchronized void close() {
        if (pump != null) {
            pump.close();
        }
    }
}
