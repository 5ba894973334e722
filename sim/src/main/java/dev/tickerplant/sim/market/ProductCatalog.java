package dev.tickerplant.sim.market;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every product the simulated exchange lists, in descending order of 24 h quote volume.
 *
 * <p>{@link #generate(long)} builds the standard catalog: 300 online, tradable, non-alias USD spot products plus the
 * products that a "USD, online, tradable, non-alias" selection must leave out (other quote currencies, USDC aliases,
 * restricted and delisted listings, futures).
 *
 * <p>The catalog changes at run time when the {@link Market} lists or delists a product. A product keeps its index
 * for life (a new one gets the next index; a delisted one stays, flagged delisted), so per-index state elsewhere stays
 * valid. Readers on any thread see one consistent state without locking: each change replaces it whole.
 */
public final class ProductCatalog {

    /** One state of the catalog; never modified once published. */
    private record State(List<Product> byIndex, List<Product> busiestFirst, Map<String, Product> byId) {
    }

    private volatile State state;

    ProductCatalog(List<Product> products) {
        List<Product> byIndex = List.copyOf(products);
        Map<String, Product> byId = new HashMap<>();
        for (int i = 0; i < byIndex.size(); i++) {
            Product product = byIndex.get(i);
            if (product.index() != i) {
                throw new IllegalArgumentException("product " + product.id() + " has index " + product.index()
                        + " (expected: its position " + i + ")");
            }
            if (byId.put(product.id(), product) != null) {
                throw new IllegalArgumentException("product id: " + product.id() + " is listed twice");
            }
            if (product.dataSourceIndex() >= byIndex.size()) {
                throw new IllegalArgumentException("product " + product.id() + " dataSourceIndex: "
                        + product.dataSourceIndex() + " (expected: < " + byIndex.size() + ")");
            }
        }
        this.state = new State(byIndex, byIndex, Map.copyOf(byId));
    }

    /** The standard catalog; the same seed always yields the same products, prices and volumes. */
    public static ProductCatalog generate(long seed) {
        return CatalogFactory.build(seed);
    }

    /** All products, busiest first (a product listed at run time joins by its quote volume). */
    public List<Product> products() {
        return state.busiestFirst();
    }

    /** How many products were ever listed; indices run from 0 to {@code size() - 1}. */
    public int size() {
        return state.byIndex().size();
    }

    public Product get(int index) {
        return state.byIndex().get(index);
    }

    public Optional<Product> find(String id) {
        return Optional.ofNullable(state.byId().get(id));
    }

    /** The product with this id, or an exception naming the unknown id. */
    public Product require(String id) {
        Product product = state.byId().get(id);
        if (product == null) {
            throw new IllegalArgumentException("product: " + id + " (expected: an id in the catalog, e.g. BTC-USD)");
        }
        return product;
    }

    /** The product whose ticks {@code product} streams: itself, or the product it is an alias of. */
    public Product dataSource(Product product) {
        return state.byIndex().get(product.dataSourceIndex());
    }

    /** Lists a product under the next index, ahead of the first book with a smaller quote volume. */
    synchronized void add(Product product) {
        State current = state;
        if (product.index() != current.byIndex().size()) {
            throw new IllegalArgumentException("product " + product.id() + " has index " + product.index()
                    + " (expected: the next index " + current.byIndex().size() + ")");
        }
        if (current.byId().containsKey(product.id())) {
            throw new IllegalArgumentException("product id: " + product.id() + " is listed twice");
        }
        if (product.dataSourceIndex() > product.index()) {
            throw new IllegalArgumentException("product " + product.id() + " dataSourceIndex: "
                    + product.dataSourceIndex() + " (expected: <= " + product.index() + ")");
        }
        List<Product> byIndex = new ArrayList<>(current.byIndex());
        byIndex.add(product);
        List<Product> busiestFirst = new ArrayList<>(current.busiestFirst());
        busiestFirst.add(rankOf(product, busiestFirst), product);
        Map<String, Product> byId = new HashMap<>(current.byId());
        byId.put(product.id(), product);
        state = new State(List.copyOf(byIndex), List.copyOf(busiestFirst), Map.copyOf(byId));
    }

    /** Puts {@code product} in place of the product with its index and id (a new listing state, say). */
    synchronized void replace(Product product) {
        State current = state;
        Product old = current.byId().get(product.id());
        if (old == null || old.index() != product.index()) {
            throw new IllegalArgumentException("product " + product.id() + " with index " + product.index()
                    + " (expected: a product of the catalog, under its own index)");
        }
        List<Product> byIndex = new ArrayList<>(current.byIndex());
        byIndex.set(product.index(), product);
        List<Product> busiestFirst = new ArrayList<>(current.busiestFirst());
        busiestFirst.set(busiestFirst.indexOf(old), product);
        Map<String, Product> byId = new HashMap<>(current.byId());
        byId.put(product.id(), product);
        state = new State(List.copyOf(byIndex), List.copyOf(busiestFirst), Map.copyOf(byId));
    }

    /** Before the first book that trades less; aliases are skipped so that none is parted from the book it mirrors. */
    private static int rankOf(Product product, List<Product> busiestFirst) {
        for (int i = 0; i < busiestFirst.size(); i++) {
            Product other = busiestFirst.get(i);
            if (!other.isAlias() && other.quoteVolume24h().compareTo(product.quoteVolume24h()) < 0) {
                return i;
            }
        }
        return busiestFirst.size();
    }
}
