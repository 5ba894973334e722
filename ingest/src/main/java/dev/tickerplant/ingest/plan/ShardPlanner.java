package dev.tickerplant.ingest.plan;

import dev.tickerplant.ingest.catalog.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Splits the selected products over upstream connections so that each connection carries a similar share of the
 * traffic and the busiest products sit on different connections: losing one connection then costs a slice of the
 * market, never all of its leaders.
 *
 * <p>Longest-processing-time greedy: products heaviest first, each onto the shard with the least volume that still
 * has room. Priority products get shards of their own, placed the same way, ahead of the rest: by default one product
 * per connection, since a connection is lightly loaded by its traffic, not by its product count, and the priority
 * products are usually the busiest of all.
 *
 * <p>When the product set changes at run time, {@link #replan} changes as few connections as it can instead.
 */
public final class ShardPlanner {

    /** Priority products per connection unless told otherwise: each on its own. */
    public static final int DEFAULT_PRIORITY_PER_CONNECTION = 1;

    private static final ShardPlan EMPTY = new ShardPlan(List.of(), Map.of());

    private static final Comparator<Product> HEAVIEST_FIRST =
            Comparator.comparing(Product::quoteVolume24h, Comparator.reverseOrder()).thenComparing(Product::id);

    /** {@link #plan(List, int, Set, int)} with each priority product on a connection of its own. */
    public ShardPlan plan(List<Product> products, int perConnection, Set<String> priorityIds) {
        return plan(products, perConnection, priorityIds, DEFAULT_PRIORITY_PER_CONNECTION);
    }

    /**
     * @param products              the products to follow; ids must be distinct
     * @param perConnection         most products one normal shard may hold
     * @param priorityIds           ids (a subset of {@code products}) that get dedicated shards
     * @param priorityPerConnection most products one priority shard may hold
     */
    public ShardPlan plan(List<Product> products, int perConnection, Set<String> priorityIds,
                          int priorityPerConnection) {
        // A first plan is a re-plan of nothing: every product is new, every shard opened for it.
        return replan(EMPTY, products, priorityIds, perConnection, priorityPerConnection);
    }

    /**
     * The smallest change to {@code current} that follows {@code products}, for a product set that changed at run
     * time: each changed shard costs a resubscription and each new one a connection, so the rest stay as they are.
     *
     * <ul>
     * <li>A product no longer wanted leaves its shard; a shard left empty is gone, its id with it.</li>
     * <li>A product stays on its shard while it is wanted with the same priority-ness; one whose priority-ness
     * changed is placed again, among shards of its new kind. Kept products are never moved between shards to
     * rebalance: a shard none of whose products changed keeps its id and exact list, hence its connection.</li>
     * <li>Products to place (new ones, moved ones) go heaviest first onto the lightest shard of their kind that has
     * room; only when every such shard is full do the rest open new shards, filled as {@link #plan} fills them and
     * numbered above the highest id of {@code current} (priority shards first).</li>
     * </ul>
     *
     * <p>Shard volumes are recomputed from {@code products}, whose volumes may have moved since {@code current}.
     *
     * @param current               the plan followed now
     * @param products              the products to follow from now on; ids must be distinct
     * @param priorityIds           ids (a subset of {@code products}) that belong on priority shards
     * @param perConnection         most products one normal shard may hold
     * @param priorityPerConnection most products one priority shard may hold
     */
    public ShardPlan replan(ShardPlan current, List<Product> products, Set<String> priorityIds, int perConnection,
                            int priorityPerConnection) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(products, "products");
        Objects.requireNonNull(priorityIds, "priorityIds");
        if (perConnection < 1) {
            throw new IllegalArgumentException("perConnection: " + perConnection + " (expected >= 1)");
        }
        if (priorityPerConnection < 1) {
            throw new IllegalArgumentException("priorityPerConnection: " + priorityPerConnection + " (expected >= 1)");
        }
        Map<String, Product> wanted = validate(products, priorityIds);

        List<Bin> kept = new ArrayList<>();
        Set<String> stay = new HashSet<>();
        for (Shard shard : current.shards()) {
            Bin bin = new Bin(shard.id(), shard.priority() ? priorityPerConnection : perConnection, shard.priority());
            for (String productId : shard.productIds()) {
                Product product = wanted.get(productId);
                if (product != null && priorityIds.contains(productId) == shard.priority()) {
                    bin.add(product);
                    stay.add(productId);
                }
            }
            if (!bin.products.isEmpty()) {
                kept.add(bin);
            }
        }

        List<Product> toPlace = products.stream().filter(p -> !stay.contains(p.id())).sorted(HEAVIEST_FIRST).toList();
        int nextId = current.highestId().orElse(-1) + 1;
        List<Bin> opened = new ArrayList<>();
        opened.addAll(place(toPlace.stream().filter(p -> priorityIds.contains(p.id())).toList(),
                kept.stream().filter(bin -> bin.priority).toList(), priorityPerConnection, true, nextId));
        opened.addAll(place(toPlace.stream().filter(p -> !priorityIds.contains(p.id())).toList(),
                kept.stream().filter(bin -> !bin.priority).toList(), perConnection, false, nextId + opened.size()));

        List<Bin> bins = new ArrayList<>(kept);
        bins.addAll(opened);
        List<Shard> shards = new ArrayList<>();
        Map<Integer, BigDecimal> volumes = new HashMap<>();
        for (Bin bin : bins) {
            shards.add(bin.toShard());
            volumes.put(bin.id, bin.volume);
        }
        return new ShardPlan(shards, volumes);
    }

    private static Map<String, Product> validate(List<Product> products, Set<String> priorityIds) {
        Map<String, Product> byId = new HashMap<>();
        for (Product product : products) {
            if (byId.put(product.id(), product) != null) {
                throw new IllegalArgumentException(
                        "products: duplicate id \"" + product.id() + "\" (expected each product once)");
            }
        }
        for (String priorityId : priorityIds) {
            if (!byId.containsKey(priorityId)) {
                throw new IllegalArgumentException("priorityIds: \"" + priorityId
                        + "\" is not among the products to plan (expected a subset of the selected product ids)");
            }
        }
        return byId;
    }

    /**
     * Places products (already heaviest first) onto the {@code existing} shards while one has room, the rest onto
     * new ones numbered from {@code firstId}; returns the new ones.
     */
    private static List<Bin> place(List<Product> heaviestFirst, List<Bin> existing, int capacity, boolean priority,
                                   int firstId) {
        List<Product> overflow = new ArrayList<>();
        for (Product product : heaviestFirst) {
            Bin bin = lightestWithRoom(existing);
            if (bin != null) {
                bin.add(product);
            } else {
                overflow.add(product);
            }
        }
        return spread(overflow, capacity, priority, firstId);
    }

    /** Places products (already heaviest first) onto ceil(n / capacity) bins numbered from {@code firstId}. */
    private static List<Bin> spread(List<Product> heaviestFirst, int capacity, boolean priority, int firstId) {
        int count = (heaviestFirst.size() + capacity - 1) / capacity;
        List<Bin> bins = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bins.add(new Bin(firstId + i, capacity, priority));
        }
        for (Product product : heaviestFirst) {
            lightestWithRoom(bins).add(product);
        }
        return bins;
    }

    /**
     * Least volume first; among equals, fewest products, so that products with unknown (zero) volume are dealt
     * round-robin instead of piling onto one shard; then the first in the list (the lowest id). Null when all are
     * full.
     */
    private static Bin lightestWithRoom(List<Bin> bins) {
        Bin best = null;
        for (Bin bin : bins) {
            if (bin.isFull()) {
                continue;
            }
            if (best == null || bin.volume.compareTo(best.volume) < 0
                    || (bin.volume.compareTo(best.volume) == 0 && bin.products.size() < best.products.size())) {
                best = bin;
            }
        }
        return best;
    }

    /** A shard being filled. */
    private static final class Bin {
        final int id;
        final int capacity;
        final boolean priority;
        final List<String> products = new ArrayList<>();
        BigDecimal volume = BigDecimal.ZERO;

        Bin(int id, int capacity, boolean priority) {
            this.id = id;
            this.capacity = capacity;
            this.priority = priority;
        }

        /** At or over capacity: a kept shard may hold more than a smaller setting now allows. */
        boolean isFull() {
            return products.size() >= capacity;
        }

        void add(Product product) {
            products.add(product.id());
            volume = volume.add(product.quoteVolume24h());
        }

        Shard toShard() {
            List<String> sorted = new ArrayList<>(products);
            sorted.sort(Comparator.naturalOrder());
            return new Shard(id, sorted, priority);
        }
    }
}
