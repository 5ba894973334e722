package dev.tickerplant.ingest.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the {@code products} setting into the ordered list of products to follow. */
public final class ProductSelector {

    static final String SETTING = "products";

    private static final Logger LOG = LoggerFactory.getLogger(ProductSelector.class);

    private static final Comparator<Product> BUSIEST_FIRST =
            Comparator.comparing(Product::quoteVolume24h, Comparator.reverseOrder()).thenComparing(Product::id);

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
            return topN(streamable(catalog, top.quoteCurrency()), top.count(), Set.of());
        }
        return streamable(catalog, ((Selection.AllOfQuote) selection).quoteCurrency());
    }

    /**
     * The selection again, from a catalog fetched while the daemon runs and follows {@code followedIds}. Nothing is
     * fatal here: what would stop a start-up comes back as an empty or partial result for the caller to log.
     *
     * <p>All: as {@link #select}. Explicit: as {@link #select}, but an id the catalog no longer has, or no longer lists
     * as online and tradable, is returned in {@link RefreshedSelection#gone} instead. Top N: with hysteresis, so that a
     * product near the cut does not come and go with every refresh: ranked busiest first (ties by id), a followed
     * product counts a margin of a tenth of N (at least one) places better than its rank, and a tie goes to it. A
     * followed product therefore stays while it ranks within N plus the margin and nothing outranks it by more than the
     * margin; a newcomer that does joins at once. Still N products (or all there are), busiest first.
     *
     * @param followedIds the ids followed now; may hold products the selection did not choose (priority products,
     *                    products added at run time), which count only where the selection ranks them
     */
    public RefreshedSelection refresh(ProductCatalog catalog, Selection selection, Collection<String> followedIds) {
        Objects.requireNonNull(followedIds, "followedIds");
        if (selection instanceof Selection.Explicit explicit) {
            return explicitRefresh(catalog, explicit.ids());
        }
        if (selection instanceof Selection.TopN top) {
            return new RefreshedSelection(
                    topN(active(catalog, top.quoteCurrency()), top.count(), Set.copyOf(followedIds)), List.of());
        }
        return new RefreshedSelection(active(catalog, ((Selection.AllOfQuote) selection).quoteCurrency()), List.of());
    }

    /**
     * How far below the top N a followed product may fall before it is replaced: a tenth of N, at least one. Enough to
     * absorb the day-to-day wobble of volumes near the cut, small enough that the selection still tracks the market.
     */
    static int margin(int count) {
        return Math.max(1, count / 10 + (count % 10 == 0 ? 0 : 1));
    }

    /**
     * The {@code count} best of {@code candidates} when a followed product counts {@link #margin} places better than
     * it ranks (a tie goes to the followed one): a newcomer displaces a followed product only by outranking it by more
     * than the margin, so two products trading places around the cut change nothing, while a newcomer near the top
     * still joins at once. Busiest first.
     */
    private static List<Product> topN(List<Product> candidates, int count, Set<String> followedIds) {
        List<Product> ranked = candidates.stream().sorted(BUSIEST_FIRST).toList();
        int margin = margin(count);
        List<Integer> order = new ArrayList<>();
        for (int rank = 0; rank < ranked.size(); rank++) {
            order.add(rank);
        }
        order.sort(Comparator.<Integer>comparingInt(rank -> followedIds.contains(ranked.get(rank).id())
                        ? rank - margin : rank)
                .thenComparing(rank -> followedIds.contains(ranked.get(rank).id()) ? 0 : 1)
                .thenComparingInt(rank -> rank));
        List<Product> chosen = new ArrayList<>();
        order.stream().limit(count).forEach(rank -> chosen.add(ranked.get(rank)));
        chosen.sort(BUSIEST_FIRST);
        return List.copyOf(chosen);
    }

    private static List<Product> streamable(ProductCatalog catalog, String quoteCurrency) {
        List<Product> selected = active(catalog, quoteCurrency);
        if (selected.isEmpty()) {
            throw new StartupException("Setting " + SETTING + " selects no product: the catalog has no online,"
                    + " tradable, non-alias product quoted in \"" + quoteCurrency + "\" (expected one of: "
                    + String.join(", ", catalog.quoteCurrencies()) + ")");
        }
        return selected;
    }

    /** Online, tradable, non-alias products of the quote currency, by id; possibly none. */
    private static List<Product> active(ProductCatalog catalog, String quoteCurrency) {
        return catalog.products().stream()
                .filter(product -> product.quoteCurrency().equalsIgnoreCase(quoteCurrency))
                .filter(Product::isActive)
                .filter(product -> !product.isAlias())
                .toList();
    }

    /**
     * At run time a named product the catalog no longer has, or no longer lists as online and tradable, is handed back
     * instead of failing the start-up or being followed anyway: a delisting must not stop a running daemon, and its
     * subscription would stay silent.
     */
    private static RefreshedSelection explicitRefresh(ProductCatalog catalog, List<String> ids) {
        Map<String, Product> selected = new LinkedHashMap<>();
        List<String> gone = new ArrayList<>();
        for (String id : ids) {
            Optional<Product> product = catalog.find(id);
            if (product.isPresent() && product.get().isActive()) {
                selected.putIfAbsent(product.get().id(), product.get());
            } else {
                String named = product.map(Product::id).orElse(id);
                if (!gone.contains(named)) {
                    gone.add(named);
                }
            }
        }
        return new RefreshedSelection(List.copyOf(selected.values()), gone);
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
