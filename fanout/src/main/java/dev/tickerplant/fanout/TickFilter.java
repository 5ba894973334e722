package dev.tickerplant.fanout;

import java.util.Arrays;

/**
 * Which live ticks one client gets on the ticker channel: its products, its min-change filter, and what its snapshot
 * or replay already carried (no tick twice, none missing). Confined to the client's loop.
 */
final class TickFilter {
    final ProductFilter products;

    private double allMinChangePct;
    private double[] minChangePct = new double[0];
    /** Some min-change filter is set: prices must be tracked and compared. */
    private boolean minChangeActive;
    private double[] lastPrice = new double[0];
    private long[] snapshotSeq = new long[0];
    /** The highest seq any snapshot carried: ticks above it need no per-product check. */
    private long snapshotCeiling;
    /** Live ticks up to this seq were replayed already. */
    private long liveFloor;

    TickFilter(Runnable onProductsChanged) {
        this.products = new ProductFilter(onProductsChanged);
    }

    /** Whether the client gets this tick; remembers its price when it does. Allocation-free. */
    boolean accepts(int product, long seq, double price) {
        if (!products.matches(product) || seq <= liveFloor) {
            return false;
        }
        if (seq <= snapshotCeiling && product < snapshotSeq.length && seq <= snapshotSeq[product]) {
            return false; // the snapshot this client got already carried this tick or a newer one
        }
        if (!minChangeActive) {
            return true;
        }
        double minChange = products.contains(product) ? minChangeAt(product) : allMinChangePct;
        if (minChange > 0) {
            double last = product < lastPrice.length ? lastPrice[product] : Double.NaN;
            boolean movedEnough = Double.isNaN(last) || Double.isNaN(price)
                    || Math.abs(price - last) * 100 >= minChange * Math.abs(last);
            if (!movedEnough) {
                return false;
            }
        }
        rememberPrice(product, price);
        return true;
    }

    /**
     * Whether the client gets every ticker from {@code firstSeq} on without looking at each: all products, no
     * min-change filter, nothing a snapshot or replay already carried.
     */
    boolean acceptsEveryTickFrom(long firstSeq) {
        return products.all() && !minChangeActive && firstSeq > liveFloor && firstSeq > snapshotCeiling;
    }

    /** Sets the min-change filter for the products of a subscribe; {@code product} -1 means "*". */
    void minChangePct(int product, double pct) {
        if (pct > 0 && !minChangeActive) {
            // Prices were not tracked while no filter was set: the next tick of each product passes and sets them.
            minChangeActive = true;
            Arrays.fill(lastPrice, Double.NaN);
        }
        if (product < 0) {
            allMinChangePct = pct;
            return;
        }
        if (product >= minChangePct.length) {
            minChangePct = Arrays.copyOf(minChangePct, Math.max(product + 1, minChangePct.length * 2));
        }
        minChangePct[product] = pct;
    }

    /** The snapshot carried {@code seq} for this product: suppress live ticks up to it. */
    void snapshotSent(int product, long seq, double price) {
        if (product >= snapshotSeq.length) {
            snapshotSeq = Arrays.copyOf(snapshotSeq, Math.max(product + 1, snapshotSeq.length * 2));
        }
        snapshotSeq[product] = Math.max(snapshotSeq[product], seq);
        snapshotCeiling = Math.max(snapshotCeiling, seq);
        rememberPrice(product, price);
    }

    /** Everything up to {@code seq} was replayed: suppress live ticks up to it. */
    void replayedUpTo(long seq) {
        liveFloor = Math.max(liveFloor, seq);
    }

    private double minChangeAt(int product) {
        return product < minChangePct.length ? minChangePct[product] : 0;
    }

    private void rememberPrice(int product, double price) {
        if (product >= lastPrice.length) {
            int old = lastPrice.length;
            lastPrice = Arrays.copyOf(lastPrice, Math.max(product + 1, old * 2));
            Arrays.fill(lastPrice, old, lastPrice.length, Double.NaN);
        }
        lastPrice[product] = price;
    }
}
