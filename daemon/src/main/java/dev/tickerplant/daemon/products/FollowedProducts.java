package dev.tickerplant.daemon.products;

import dev.tickerplant.daemon.admin.AdminException;
import dev.tickerplant.fanout.protocol.UntrustedText;
import dev.tickerplant.ingest.catalog.Product;
import dev.tickerplant.ingest.catalog.ProductCatalog;
import dev.tickerplant.ingest.catalog.ProductSelector;
import dev.tickerplant.ingest.catalog.RefreshedSelection;
import dev.tickerplant.ingest.catalog.Selection;
import dev.tickerplant.ingest.plan.InstanceSplit;
import dev.tickerplant.ingest.plan.PlanChange;
import dev.tickerplant.ingest.plan.ShardPlan;
import dev.tickerplant.ingest.plan.ShardPlanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which products this node follows and on which shards, worked out again whenever one of its inputs changes: the
 * catalog (refreshed), the selection and priority settings (reloaded), the operator's changes (admin API). Planning is
 * pure: {@link #plan} returns a {@link Next} and changes nothing; {@link #take} makes it current once it is applied.
 * Not thread-safe: {@link ProductControl} serialises every change.
 */
public final class FollowedProducts {
    private static final Logger log = LoggerFactory.getLogger(FollowedProducts.class);

    private final ProductSelector selector = new ProductSelector();
    private final ShardPlanner planner = new ShardPlanner();
    private final InstanceSplit split;
    private final int perConnection;
    private final int priorityPerConnection;
    private Inputs inputs;
    private ShardPlan plan;
    private Set<String> priority;

    /** What a plan is worked out from. */
    public record Inputs(ProductCatalog catalog, Selection selection, List<String> settingsPriority,
                  OperatorChanges operator) {

        public Inputs {
            settingsPriority = List.copyOf(settingsPriority);
        }

        Inputs withCatalog(ProductCatalog next) {
            return new Inputs(next, selection, settingsPriority, operator);
        }

        Inputs withSettings(Selection next, List<String> nextPriority) {
            return new Inputs(catalog, next, nextPriority, operator);
        }

        Inputs withOperator(OperatorChanges next) {
            return new Inputs(catalog, selection, settingsPriority, next);
        }
    }

    /**
     * A plan worked out from {@code inputs}, and how it differs from the current one: {@code change} for the products
     * and shards, {@code priorityAdded} and {@code priorityRemoved} for the priority set.
     *
     * @param dropped        products asked for (explicitly, by the operator or as priority) that the catalog no
     *                       longer lists
     * @param selectsNothing the selection picks nothing from the catalog: a catalog glitch or a setting gone wrong,
     *                       never a reason to drop every product
     */
    record Next(Inputs inputs, ShardPlan plan, Set<String> priority, PlanChange change, List<String> priorityAdded,
                List<String> priorityRemoved, List<String> dropped, boolean selectsNothing) {

        /** True when the connections or the priority set have anything to do. */
        boolean changesSomething() {
            return !change.isEmpty() || !priorityAdded.isEmpty() || !priorityRemoved.isEmpty();
        }
    }

    /**
     * The products to follow at start-up, strictly: an explicit product the catalog lacks, or a selection that selects
     * nothing, stops start-up ({@code StartupException} with one line). Priority products are followed even when the
     * selection left them out; with several instances this one keeps its share.
     */
    public static FollowedProducts atStart(ProductCatalog catalog, Selection selection, List<String> settingsPriority,
                                           InstanceSplit split, int perConnection, int priorityPerConnection) {
        ProductSelector selector = new ProductSelector();
        List<Product> products = new ArrayList<>(selector.select(catalog, selection));
        Set<String> priority = new HashSet<>();
        if (!settingsPriority.isEmpty()) {
            for (Product p : selector.select(catalog, Selection.explicit(settingsPriority))) {
                priority.add(p.id());
                if (products.stream().noneMatch(q -> q.id().equals(p.id()))) {
                    products.add(p);
                }
            }
        }
        if (split.instances() > 1) {
            // Every instance selects the same products from the same catalog, then keeps its own share of them.
            int selected = products.size();
            products = new ArrayList<>(split.products(products));
            priority.retainAll(products.stream().map(Product::id).toList());
            log.info("{}: following {} of the {} selected products", split, products.size(), selected);
        }
        ShardPlan plan = new ShardPlanner().plan(products, perConnection, priority, priorityPerConnection);
        return new FollowedProducts(new Inputs(catalog, selection, settingsPriority, OperatorChanges.NONE), split,
                perConnection, priorityPerConnection, plan, priority);
    }

    /**
     * @param plan     the plan the daemon started with, from {@code inputs}
     * @param priority the priority products of that plan
     */
    FollowedProducts(Inputs inputs, InstanceSplit split, int perConnection, int priorityPerConnection, ShardPlan plan,
                     Set<String> priority) {
        this.inputs = inputs;
        this.split = split;
        this.perConnection = perConnection;
        this.priorityPerConnection = priorityPerConnection;
        this.plan = plan;
        this.priority = Set.copyOf(priority);
    }

    Inputs inputs() {
        return inputs;
    }

    public ShardPlan plan() {
        return plan;
    }

    Set<String> priority() {
        return priority;
    }

    /** The ids followed now. */
    Set<String> followedIds() {
        Set<String> ids = new HashSet<>();
        plan.shards().forEach(shard -> ids.addAll(shard.productIds()));
        return ids;
    }

    /** Makes {@code next} current; after its plan has been applied. */
    void take(Next next) {
        inputs = next.inputs();
        plan = next.plan();
        priority = next.priority();
    }

    /** "top 50 USD", with the operator's changes when there are any. */
    String describeSelection() {
        Selection selection = inputs.selection();
        String base;
        if (selection instanceof Selection.TopN top) {
            base = "top " + top.count() + " " + top.quoteCurrency();
        } else if (selection instanceof Selection.AllOfQuote all) {
            base = "all " + all.quoteCurrency();
        } else {
            base = "explicit";
        }
        OperatorChanges operator = inputs.operator();
        if (!operator.added().isEmpty() || !operator.removed().isEmpty()) {
            base += " + " + operator.added().size() + " added, - " + operator.removed().size()
                    + " removed at run time";
        }
        return base;
    }

    /** Refuses an operator's product change that names a product the catalog lacks, or removes one not followed. */
    void checkProductChange(List<String> add, List<String> remove) {
        requireListed(add);
        Set<String> following = followedIds();
        List<String> notFollowed = remove.stream().filter(id -> !following.contains(id)).toList();
        if (!notFollowed.isEmpty()) {
            throw AdminException.badRequest("not_followed", "not followed: " + String.join(", ",
                    notFollowed.stream().map(UntrustedText::quote).toList())
                    + " (GET /admin/products lists what is)", Map.of("products", notFollowed));
        }
    }

    /** Refuses an operator's priority change that names a product the catalog lacks, or removes a non-priority one. */
    void checkPriorityChange(List<String> add, List<String> remove) {
        requireListed(add);
        List<String> notPriority = remove.stream().filter(id -> !priority.contains(id)).toList();
        if (!notPriority.isEmpty()) {
            throw AdminException.badRequest("not_priority", "not a priority product: " + String.join(", ",
                    notPriority.stream().map(UntrustedText::quote).toList()),
                    Map.of("products", notPriority, "priority", new TreeSet<>(priority)));
        }
    }

    /** The plan {@code next} leads to from the current one; changes nothing. */
    Next plan(Inputs next) {
        Set<String> following = followedIds();
        ProductCatalog catalog = next.catalog();
        OperatorChanges operator = next.operator();
        RefreshedSelection selected = selector.refresh(catalog, next.selection(), following);
        List<String> dropped = new ArrayList<>(selected.gone());
        Map<String, Product> products = new LinkedHashMap<>();
        selected.products().forEach(p -> products.put(p.id(), p));
        for (String id : operator.added()) {
            listed(catalog, id, dropped).ifPresent(p -> products.putIfAbsent(id, p));
        }
        Set<String> wantedPriority = new LinkedHashSet<>(next.settingsPriority());
        wantedPriority.addAll(operator.priorityAdded());
        wantedPriority.removeAll(operator.priorityRemoved());
        wantedPriority.removeAll(operator.removed());
        Set<String> nextPriority = new HashSet<>();
        for (String id : wantedPriority) {
            // Priority products are followed even when the selection left them out, on their own connections.
            Optional<Product> p = listed(catalog, id, dropped);
            if (p.isPresent()) {
                products.putIfAbsent(id, p.get());
                nextPriority.add(id);
            }
        }
        operator.removed().forEach(products::remove);
        List<Product> mine = split.products(new ArrayList<>(products.values()));
        Set<String> mineIds = new HashSet<>();
        mine.forEach(p -> mineIds.add(p.id()));
        nextPriority.retainAll(mineIds);
        ShardPlan nextPlan = planner.replan(plan, mine, nextPriority, perConnection, priorityPerConnection);
        return new Next(next, nextPlan, Set.copyOf(nextPriority), PlanChange.between(plan, nextPlan),
                difference(nextPriority, priority),
                difference(priority, nextPriority), dropped.stream().distinct().sorted().toList(),
                selected.products().isEmpty());
    }

    private static Optional<Product> listed(ProductCatalog catalog, String id, List<String> dropped) {
        Optional<Product> p = catalog.find(id);
        if (p.isEmpty()) {
            dropped.add(id);
        }
        return p;
    }

    private void requireListed(List<String> ids) {
        ProductCatalog catalog = inputs.catalog();
        List<String> unknown = ids.stream().filter(id -> catalog.find(id).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            List<String> closest = catalog.closestIds(unknown.get(0));
            throw AdminException.badRequest("unknown_product", "unknown product" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(UntrustedText::quote).toList()) + ": not in the catalog"
                    + (closest.isEmpty() ? "" : " (closest: " + String.join(", ", closest) + ")"),
                    Map.of("products", unknown, "closest", closest));
        }
    }

    private static List<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(id -> !b.contains(id)).sorted().toList();
    }
}
