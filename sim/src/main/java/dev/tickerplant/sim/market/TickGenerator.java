package dev.tickerplant.sim.market;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws trades: which product trades next (weighted by its share of activity) and how its market moves.
 *
 * <p>Single-threaded by design: only the tick pump calls it, and listing changes ({@link #add}, {@link #update}) come
 * in while the pump is held out. Given the same seed and no listing changes it draws the same sequence of trades
 * whatever the rate or timing, so a run can be replayed.
 */
final class TickGenerator {

    /** Standard deviation of one trade's price move, as a fraction of the price. */
    private static final double VOLATILITY_PER_TRADE = 0.0002;
    /** Fraction of the distance to the reference price recovered per trade, so prices stay realistic for hours. */
    private static final double REVERSION_PER_TRADE = 0.002;
    /** The mean trade size is the opening 24 h volume spread over this many trades. */
    private static final double TRADES_PER_DAY = 20_000;

    private State[] states;
    /** Indices of the products that trade, and their running weight sums; replaced whole on a listing change. */
    private volatile int[] trading;
    private double[] cumulativeWeight;
    private final SplittableRandom random;
    /** Draws the opening state of products listed at run time, apart from the trades' draws. */
    private final SplittableRandom listings;
    private final Clock clock;
    private final TickSchedule.ProductOrder order;
    private int nextInTurn;

    TickGenerator(ProductCatalog catalog, long seed, Clock clock) {
        this(catalog, seed, clock, TickSchedule.ProductOrder.WEIGHTED);
    }

    TickGenerator(ProductCatalog catalog, long seed, Clock clock, TickSchedule.ProductOrder order) {
        this.clock = clock;
        this.order = order;
        SplittableRandom root = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        SplittableRandom initial = root.split();
        this.random = root.split();
        this.listings = root.split();
        this.states = new State[catalog.size()];
        Instant now = clock.instant();
        for (int index = 0; index < catalog.size(); index++) {
            Product product = catalog.get(index);
            if (!product.isAlias()) {
                states[index] = State.initial(product, initial, now);
            }
        }
        rebuildRoster();
    }

    /**
     * Starts trading a product listed at run time, from a fresh opening state; returns that state as emission 0.
     * Callers keep the pump out meanwhile.
     */
    Tick add(Product product) {
        if (product.isAlias() || product.index() != states.length) {
            throw new IllegalArgumentException("product " + product.id() + " (expected: a non-alias at the next index "
                    + states.length + ")");
        }
        states = Arrays.copyOf(states, states.length + 1);
        states[product.index()] = State.initial(product, listings, clock.instant());
        rebuildRoster();
        return states[product.index()].toTick();
    }

    /**
     * Takes a product's new listing, such as a delisting with weight 0, which stops its trades; its market state stays
     * as it was. Callers keep the pump out.
     */
    void update(Product product) {
        State state = states[product.index()];
        if (state != null) {
            state.product = product;
            rebuildRoster();
        }
    }

    private void rebuildRoster() {
        List<Integer> tradingIndices = new ArrayList<>();
        for (State state : states) {
            if (state != null && state.product.trades()) {
                tradingIndices.add(state.product.index());
            }
        }
        int[] roster = tradingIndices.stream().mapToInt(Integer::intValue).toArray();
        double[] weights = new double[roster.length];
        double sum = 0;
        for (int i = 0; i < roster.length; i++) {
            sum += states[roster[i]].product.tickWeight();
            weights[i] = sum;
        }
        this.cumulativeWeight = weights;
        this.trading = roster;
        nextInTurn = roster.length == 0 ? 0 : nextInTurn % roster.length;
    }

    /** The state every non-alias product starts from, as emission 0. */
    List<Tick> initialTicks() {
        List<Tick> ticks = new ArrayList<>();
        for (State state : states) {
            if (state != null) {
                ticks.add(state.toTick());
            }
        }
        return ticks;
    }

    boolean hasTradingProducts() {
        return trading.length > 0;
    }

    /** Draws the next trade of the whole market, timed now (to the microsecond, like the live feeds). */
    Tick next() {
        return next(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /** Draws the next trade of the whole market with the given trade time (a constant schedule's intended time). */
    Tick next(Instant time) {
        State state = states[pickProduct()];
        state.trade(random, time);
        return state.toTick();
    }

    private int pickProduct() {
        int[] trading = this.trading;
        if (order == TickSchedule.ProductOrder.ROUND_ROBIN) {
            int product = trading[nextInTurn];
            nextInTurn = (nextInTurn + 1) % trading.length;
            return product;
        }
        double target = random.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
        int slot = Arrays.binarySearch(cumulativeWeight, target);
        if (slot < 0) {
            slot = -slot - 1;
        }
        return trading[Math.min(slot, trading.length - 1)];
    }

    /** Mutable market state of one product; owned by the generator. */
    private static final class State {
        Product product;
        final long referenceUnits;
        final long floorUnits;
        final long meanSizeUnits;
        long emission;
        long price;
        long size;
        boolean takerBuy;
        long volume24h;
        long volume30d;
        long open24h;
        long low24h;
        long high24h;
        long low52w;
        long high52w;
        long bid;
        long bidSize;
        long ask;
        long askSize;
        long sequence;
        long tradeId;
        Instant time;

        private State(Product product) {
            this.product = product;
            this.referenceUnits = Decimals.toUnits(product.referencePrice(), product.priceScale());
            this.floorUnits = Math.max(1, referenceUnits / 20);
            double baseVolume = product.quoteVolume24h().doubleValue() / product.referencePrice().doubleValue();
            long volumeUnits = Math.max(1, Decimals.toUnits(baseVolume, product.baseScale()));
            this.meanSizeUnits = Math.max(1, Math.round(volumeUnits / TRADES_PER_DAY));
            this.volume24h = volumeUnits;
        }

        static State initial(Product product, SplittableRandom random, Instant now) {
            State s = new State(product);
            s.price = s.referenceUnits;
            double change = random.nextDouble(-0.06, 0.06);
            s.open24h = Math.max(1, Math.round(s.price / (1 + change)));
            s.low24h = Math.max(1, Math.round(Math.min(s.price, s.open24h) * (1 - random.nextDouble(0, 0.03))));
            s.high24h = Math.round(Math.max(s.price, s.open24h) * (1 + random.nextDouble(0, 0.03)));
            s.low52w = Math.max(1, Math.round(s.low24h * random.nextDouble(0.3, 0.9)));
            s.high52w = Math.round(s.high24h * random.nextDouble(1.1, 2.5));
            s.volume30d = Math.round(s.volume24h * random.nextDouble(20, 40));
            s.sequence = random.nextLong(100_000_000L, 150_000_000_000L);
            s.tradeId = random.nextLong(1_000_000L, 1_200_000_000L);
            s.time = now.minusMillis(random.nextLong(0, 30_000)).truncatedTo(ChronoUnit.MICROS);
            s.quote(random);
            return s;
        }

        void trade(SplittableRandom random, Instant now) {
            double sigma = Math.max(1.0, price * VOLATILITY_PER_TRADE);
            long move = Math.round(random.nextGaussian() * sigma + (referenceUnits - price) * REVERSION_PER_TRADE);
            price = Math.max(floorUnits, price + move);
            quote(random);
            volume24h += size;
            volume30d += size;
            low24h = Math.min(low24h, price);
            high24h = Math.max(high24h, price);
            low52w = Math.min(low52w, price);
            high52w = Math.max(high52w, price);
            sequence += 1 + random.nextInt(50);
            tradeId++;
            emission++;
            time = now;
        }

        /** Side, size and the top of book around the last trade: a taker buy lifts the ask, a sell hits the bid. */
        private void quote(SplittableRandom random) {
            takerBuy = random.nextBoolean();
            size = Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanSizeUnits));
            long spread = 1 + random.nextInt(3);
            if (takerBuy) {
                ask = price;
                bid = Math.max(0, price - spread);
                if (bid == ask) {
                    ask = bid + 1;
                }
            } else {
                bid = price;
                ask = price + spread;
            }
            bidSize = Math.max(1, Math.round(meanSizeUnits * random.nextDouble(0.2, 20)));
            askSize = Math.max(1, Math.round(meanSizeUnits * random.nextDouble(0.2, 20)));
        }

        Tick toTick() {
            return new Tick(product, emission, price, size, takerBuy, volume24h, volume30d, open24h, low24h, high24h,
                    low52w, high52w, bid, bidSize, ask, askSize, sequence, tradeId, time);
        }
    }
}
