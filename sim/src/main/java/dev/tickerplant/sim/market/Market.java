package dev.tickerplant.sim.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The simulated market: its products, their latest state, the log of emitted ticks, and the pump that trades.
 *
 * <p>Create it, wire a sink with {@link #start(Consumer)}, and control the pace and the listed products at runtime.
 */
public final class Market implements AutoCloseable {

    /** Upper bound of the total tick rate; far above what a two-core machine can fan out. */
    public static final double MAX_TICKS_PER_SECOND = 1_000_000;
    /** Listing flags of a delisted product, as Coinbase reports one (and as the standard catalog's LOOM-USD is). */
    static final ProductFlags DELISTED = new ProductFlags("delisted", true, true, false, false, false, false, false);

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

    /**
     * Lists a new spot product, online and tradable. When this returns, the catalog has it, its opening state is its
     * latest tick, and it trades from the next batch on, its share of trades set like the standard catalog's: one
     * over its rank by quote volume among the trading products.
     *
     * @throws IllegalArgumentException when the id is already in the catalog (delisted products included)
     */
    public synchronized Product list(NewListing listing) {
        catalog.find(listing.id()).ifPresent(existing -> {
            throw new IllegalArgumentException("product: " + listing.id() + " is already listed (status "
                    + existing.flags().status() + "; expected: a new id)");
        });
        Product product = newProduct(listing);
        return whileNotGenerating(() -> {
            // Latest before catalog: whoever finds the product in the catalog also finds a tick to snapshot.
            latest.record(generator.add(product));
            catalog.add(product);
            return product;
        });
    }

    /**
     * Delists a product: the catalog shows it {@code delisted}, not tradable, and it never trades again; once this
     * returns no further tick of it is generated. Delisting a delisted product changes nothing.
     *
     * @throws IllegalArgumentException when the id is not in the catalog
     */
    public synchronized Product delist(String id) {
        Product current = catalog.require(id);
        if (current.flags().status().equals(DELISTED.status())) {
            return current;
        }
        Product delisted = new Product(current.index(), current.id(), current.type(), current.baseCurrency(),
                current.quoteCurrency(), current.baseName(), current.quoteName(), DELISTED, current.alias(),
                current.aliasTo(), current.priceScale(), current.baseScale(), current.referencePrice(),
                current.quoteVolume24h(), current.volumePercentChange24h(), 0.0, current.dataSourceIndex());
        return whileNotGenerating(() -> {
            catalog.replace(delisted);
            generator.update(delisted);
            return delisted;
        });
    }

    private Product newProduct(NewListing listing) {
        int priceScale = CatalogFactory.priceScaleFor(listing.price());
        BigDecimal volume = listing.quoteVolume24h().setScale(2, RoundingMode.HALF_EVEN);
        long busier = catalog.products().stream()
                .filter(p -> p.trades() && p.quoteVolume24h().compareTo(volume) >= 0)
                .count();
        String quote = listing.quoteCurrency();
        String quoteName = catalog.products().stream()
                .filter(p -> p.quoteCurrency().equals(quote))
                .map(Product::quoteName)
                .findFirst()
                .orElse(quote);
        int index = catalog.size();
        return new Product(index, listing.id(), ProductType.SPOT, listing.baseCurrency(), quote,
                listing.baseCurrency(), quoteName, ProductFlags.TRADABLE, "", List.of(), priceScale,
                CatalogFactory.baseScaleFor(listing.price()), listing.price().setScale(priceScale, RoundingMode.HALF_EVEN),
                volume, BigDecimal.ZERO.setScale(14), 1.0 / (busier + 1), index);
    }

    /** Runs a listing change between two batches of the pump (before it starts, there is none to wait for). */
    private <T> T whileNotGenerating(Supplier<T> change) {
        return pump == null ? change.get() : pump.exclusive(change);
    }

    @Override
    public synchronized void close() {
        if (pump != null) {
            pump.close();
        }
    }
}
