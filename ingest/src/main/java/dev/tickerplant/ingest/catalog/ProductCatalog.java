package dev.tickerplant.ingest.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every product the venue lists, immutable and ordered by id so that logs, the cache file and anything derived from
 * the catalog come out the same whatever order the REST pages arrived in.
 */
public final class ProductCatalog {

    private final List<Product> products;
    private final Map<String, Product> byId;
    private final Map<String, Product> byUpperCaseId;

    private ProductCatalog(List<Product> products) {
        this.products = products;
        this.byId = new HashMap<>();
        this.byUpperCaseId = new HashMap<>();
        for (Product product : products) {
            if (byId.put(product.id(), product) != null) {
                throw new IllegalArgumentException(
                        "products: duplicate id \"" + product.id() + "\" (expected each product once)");
            }
            byUpperCaseId.putIfAbsent(upper(product.id()), product);
        }
    }

    /** Builds a catalog; rejects two products with the same id. */
    public static ProductCatalog of(Collection<Product> products) {
        List<Product> sorted = new ArrayList<>(products);
        sorted.sort(Comparator.comparing(Product::id));
        return new ProductCatalog(Collections.unmodifiableList(sorted));
    }

    /** All products, ordered by id. */
    public List<Product> products() {
        return products;
    }

    public int size() {
        return products.size();
    }

    /** The product with this id; an exact match wins over a case-insensitive one. */
    public Optional<Product> find(String id) {
        Product exact = byId.get(id);
        return exact != null ? Optional.of(exact) : Optional.ofNullable(byUpperCaseId.get(upper(id)));
    }

    /** Distinct quote currencies, for error messages that list what a setting could have said. */
    public SortedSet<String> quoteCurrencies() {
        SortedSet<String> quotes = new TreeSet<>();
        products.forEach(product -> quotes.add(product.quoteCurrency()));
        return Collections.unmodifiableSortedSet(quotes);
    }

    /**
     * Up to {@link ProductSuggestions#MAX} ids a mistyped {@code unknown} probably meant, by {@link ProductSuggestions};
     * among equally close ids the busier product comes first, being the more likely intent, then the lower id.
     */
    public List<String> closestIds(String unknown) {
        List<String> busiestFirst = products.stream()
                .sorted(Comparator.comparing(Product::quoteVolume24h, Comparator.reverseOrder())
                        .thenComparing(Product::id))
                .map(Product::id)
                .toList();
        return ProductSuggestions.closest(unknown, busiestFirst);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProductCatalog catalog && products.equals(catalog.products);
    }

    @Override
    public int hashCode() {
        return products.hashCode();
    }

    @Override
    public String toString() {
        return "ProductCatalog[" + products.size() + " products]";
    }

    private static String upper(String id) {
        return id.toUpperCase(Locale.ROOT);
    }
}
