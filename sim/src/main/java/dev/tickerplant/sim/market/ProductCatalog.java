package dev.tickerplant.sim.market;

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
 */
public final class ProductCatalog {

    private final List<Product> products;
    private final Map<String, Product> byId;

    ProductCatalog(List<Product> products) {
        this.products = List.copyOf(products);
        this.byId = new HashMap<>();
        for (int i = 0; i < this.products.size(); i++) {
            Product product = this.products.get(i);
            if (product.index() != i) {
                throw new IllegalArgumentException("product " + product.id() + " has index " + product.index()
                        + " (expected: its position " + i + ")");
            }
            if (byId.put(product.id(), product) != null) {
                throw new IllegalArgumentException("product id: " + product.id() + " is listed twice");
            }
            if (product.dataSourceIndex() >= this.products.size()) {
                throw new IllegalArgumentException("product " + product.id() + " dataSourceIndex: "
                        + product.dataSourceIndex() + " (expected: < " + this.products.size() + ")");
            }
        }
    }

    /** The standard catalog; the same seed always yields the same products, prices and volumes. */
    public static ProductCatalog generate(long seed) {
        return CatalogFactory.build(seed);
    }

    /** All products, busiest first. */
    public List<Product> products() {
        return products;
    }

    public int size() {
        return products.size();
    }

    public Product get(int index) {
        return products.get(index);
    }

    public Optional<Product> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The product with this id, or an exception naming the unknown id. */
    public Product require(String id) {
        Product product = byId.get(id);
        if (product == null) {
            throw new IllegalArgumentException("product: " + id + " (expected: an id in the catalog, e.g. BTC-USD)");
        }
        return product;
    }

    /** The product whose ticks {@code product} streams: itself, or the product it is an alias of. */
    public Product dataSource(Product product) {
        return products.get(product.dataSourceIndex());
    }
}
