package dev.tickerplant.ingest.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What it takes to go from one plan to the next, shard by shard: which connections stay as they are, which resubscribe
 * to a new product list, which are opened and which closed. Shards are matched by id, which a re-plan keeps stable.
 *
 * @param unchanged       ids of the shards that are the same in both plans, ascending
 * @param changed         shards in both plans whose products (or kind) differ, by id
 * @param added           shards only in the new plan, in its order (priority shards first)
 * @param removed         shards only in the old plan, in its order
 * @param productsAdded   products only in the new plan, by id
 * @param productsRemoved products only in the old plan, by id
 * @param productsMoved   products in both plans on shards of different ids (a priority change), by id
 */
public record PlanChange(List<Integer> unchanged, List<ChangedShard> changed, List<Shard> added, List<Shard> removed,
                         List<String> productsAdded, List<String> productsRemoved, List<String> productsMoved) {

    /** Product ids a summary names before it only counts the rest: a listing wave must not flood the log line. */
    static final int LISTED_IN_SUMMARY = 10;

    public PlanChange {
        unchanged = List.copyOf(unchanged);
        changed = List.copyOf(changed);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        productsAdded = List.copyOf(productsAdded);
        productsRemoved = List.copyOf(productsRemoved);
        productsMoved = List.copyOf(productsMoved);
    }

    /** The change from {@code before} to {@code after}. */
    public static PlanChange between(ShardPlan before, ShardPlan after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Set<Integer> unchanged = new TreeSet<>();
        List<ChangedShard> changed = new ArrayList<>();
        List<Shard> added = new ArrayList<>();
        for (Shard shard : after.shards()) {
            Optional<Shard> old = before.shard(shard.id());
            if (old.isEmpty()) {
                added.add(shard);
            } else if (old.get().equals(shard)) {
                unchanged.add(shard.id());
            } else {
                changed.add(new ChangedShard(old.get(), shard));
            }
        }
        changed.sort((a, b) -> Integer.compare(a.id(), b.id()));
        List<Shard> removed = before.shards().stream().filter(shard -> after.shard(shard.id()).isEmpty()).toList();

        Set<String> productsBefore = productIds(before);
        Set<String> productsAfter = productIds(after);
        List<String> moved = productsAfter.stream()
                .filter(productsBefore::contains)
                .filter(id -> before.shardOf(id).orElseThrow().id() != after.shardOf(id).orElseThrow().id())
                .toList();
        return new PlanChange(List.copyOf(unchanged), changed, added, removed, minus(productsAfter, productsBefore),
                minus(productsBefore, productsAfter), moved);
    }

    /** True when the new plan is the old one shard for shard: no connection has anything to do. */
    public boolean isEmpty() {
        return changed.isEmpty() && added.isEmpty() && removed.isEmpty();
    }

    /**
     * One line for the log, e.g. {@code +2 products (NEW-USD, XYZ-USD), -1 (OLD-USD); shards: 1 new, 2 changed,
     * 0 closed, 18 unchanged}; moved products are named only when there are some, and each list stops after
     * {@value #LISTED_IN_SUMMARY} ids ("and 5 more").
     */
    public String summary() {
        StringBuilder line = new StringBuilder();
        line.append('+').append(productsAdded.size()).append(productsAdded.size() == 1 ? " product" : " products")
                .append(listed(productsAdded))
                .append(", -").append(productsRemoved.size()).append(listed(productsRemoved));
        if (!productsMoved.isEmpty()) {
            line.append(", ").append(productsMoved.size()).append(" moved").append(listed(productsMoved));
        }
        return line.append("; shards: ").append(added.size()).append(" new, ")
                .append(changed.size()).append(" changed, ")
                .append(removed.size()).append(" closed, ")
                .append(unchanged.size()).append(" unchanged")
                .toString();
    }

    private static String listed(List<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        if (ids.size() <= LISTED_IN_SUMMARY) {
            return " (" + String.join(", ", ids) + ")";
        }
        return " (" + String.join(", ", ids.subList(0, LISTED_IN_SUMMARY)) + " and "
                + (ids.size() - LISTED_IN_SUMMARY) + " more)";
    }

    private static Set<String> productIds(ShardPlan plan) {
        Set<String> ids = new TreeSet<>();
        plan.shards().forEach(shard -> ids.addAll(shard.productIds()));
        return ids;
    }

    private static List<String> minus(Collection<String> from, Collection<String> taken) {
        return from.stream().filter(id -> !taken.contains(id)).toList();
    }

    /**
     * One shard as it was and as it will be: its connection resubscribes to {@code after}'s products.
     *
     * @param before the shard in the old plan
     * @param after  the shard with the same id in the new plan
     */
    public record ChangedShard(Shard before, Shard after) {

        public ChangedShard {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            if (before.id() != after.id()) {
                throw new IllegalArgumentException("after: shard " + after.id() + " (expected the same id as before, "
                        + before.id() + ")");
            }
        }

        public int id() {
            return after.id();
        }

        /** Products the shard takes on, by id. */
        public List<String> joined() {
            return minus(after.productIds(), before.productIds());
        }

        /** Products the shard lets go, by id. */
        public List<String> left() {
            return minus(before.productIds(), after.productIds());
        }
    }
}
