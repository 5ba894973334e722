package dev.tickerplant.ingest.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the {@code products} setting into the ordered list of products to follow. */
public final class ProductSelector {

    static final String SETTING = "products";

    private static final Logger LOG = LoggerFactory.getLogger(ProductSelector.class);

    /**
     * All: active non-alias products of the quote currency, by id. Top N: the same, busiest first (ties by id).
     * Explicit: the named products in the order given, duplicates dropped.
     *
     * @throws StartupException when an explicit id is not in the catalog, or a quote currency selects nothing
     */
    public List<Product> select(ProductCatalog catalog, Selection selection) {
        if (selection instanceof Selection.Explicit explicit) {
            return explicit(catalog, explicit.ids());
        }
        if (selection instanceof Selection.TopN top) {
            return streamable(catalog, top.quoteCurrency()).stream()
                    .sorted(Comparator.comparing(Product::quoteVolume24h, Comparator.reverseOrder())
                            .thenComparing(Product::id))
                    .limit(top.count())
                    .toList();
        }
        return streamable(catalog, ((Selection.AllOfQuote) selection).quoteCurrency());
    }

    private static List<Product> streamable(ProductCatalog catalog, String quoteCurrency) {
        List<Product> selected = catalog.products().stream()
                .filter(product -> product.quoteCurrency().equalsIgnoreCase(quoteCurrency))
                .filter(Product::isActive)
                .filter(product -> !product.isAlias())
                .toList();
        if (selected.isEmpty()) {
            throw new StartupException("Setting " + SETTING + " selects no product: the catalog has no online,"
                    + " tradable, non-alias product quoted in \"" + quoteCurrency + "\" (expected one of: "
                    + String.join(", ", catalog.quoteCurrencies()) + ")");
        }
        return selected;
    }

    private static List<Product> explicit(ProductCatalog catalog, List<String> ids) {
        Map<String, Product> selected = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            Optional<Product> product = catalog.find(id);
            if (product.isPresent()) {
                selected.putIfAbsent(product.get().id(), product.get());
            } else if (!unknown.contains(id)) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw new StartupException(unknownMessage(catalog, unknown));
        }
        selected.values().forEach(ProductSelector::warnIfInactive);
        return List.copyOf(selected.values());
    }

    private static String unknownMessage(ProductCatalog catalog, List<String> unknown) {
        if (unknown.size() == 1) {
            return "Unknown product \"" + unknown.get(0) + "\" in setting " + SETTING + ": closest valid names: "
                    + suggestions(catalog, unknown.get(0));
        }
        return "Unknown products in setting " + SETTING + ": " + unknown.stream()
                .map(id -> "\"" + id + "\" (closest valid names: " + suggestions(catalog, id) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String suggestions(ProductCatalog catalog, String unknown) {
        List<String> closest = catalog.closestIds(unknown);
        return closest.isEmpty() ? "none (no id of the catalog is close to it)" : String.join(", ", closest);
    }

    /** Kept as asked, because the user named it, but said out loud since it will probably stay silent. */
    private static void warnIfInactive(Product product) {
        List<String> problems = new ArrayList<>();
        if (!product.online()) {
            problems.add("not online");
        }
        if (!product.tradable()) {
            problems.add("not tradable");
        }
        if (!problems.isEmpty()) {
            LOG.warn("Product {} in setting {} is {}; following it anyway, expect few or no ticks",
                    product.id(), SETTING, String.join(" and ", problems));
        }
        if (product.isAlias()) {
            LOG.warn("Product {} in setting {} is an alias of {}; its ticks mirror that book",
                    product.id(), SETTING, product.alias());
        }
    }
}
