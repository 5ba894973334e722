package dev.tickerplant.ingest.plan;

import dev.tickerplant.ingest.catalog.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
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
 */
public final class ShardPlanner {

    /** Priority products per connection unless told otherwise: each on its own. */
    public static final int DEFAULT_PRIORITY_PER_CONNECTION = 1;

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
        Objects.requireNonNull(products, "products");
        Objects.requireNonNull(priorityIds, "priorityIds");
        if (perConnection < 1) {
            throw new IllegalArgumentException("perConnection: " + perConnection + " (expected >= 1)");
        }
        if (priorityPerConnection < 1) {
            throw new IllegalArgumentException("priorityPerConnection: " + priorityPerConnection + " (expected >= 1)");
        }
        validate(products, priorityIds);

        List<Product> ordered = new ArrayList<>(products);
        ordered.sort(HEAVIEST_FIRST);
        List<Product> priority = ordered.stream().filter(p -> priorityIds.contains(p.id())).toList();
        List<Product> normal = ordered.stream().filter(p -> !priorityIds.contains(p.id())).toList();

        List<Bin> bins = new ArrayList<>();
        bins.addAll(spread(priority, priorityPerConnection, true, 0));
        bins.addAll(spread(normal, perConnection, false, bins.size()));

        List<Shard> shards = new ArrayList<>();
        List<BigDecimal> volumes = new ArrayList<>();
        for (Bin bin : bins) {
            shards.add(bin.toShard());
            volumes.add(bin.volume);
        }
        return new ShardPlan(shards, volumes);
    }

    private static void validate(List<Product> products, Set<String> priorityIds) {
        Set<String> ids = new HashSet<>();
        for (Product product : products) {
            if (!ids.add(product.id())) {
                throw new IllegalArgumentException(
                        "products: duplicate id \"" + product.id() + "\" (expected each product once)");
            }
        }
        for (String priorityId : priorityIds) {
            if (!ids.contains(priorityId)) {
                throw new IllegalArgumentException("priorityIds: \"" + priorityId
                        + "\" is not among the products to plan (expected a subset of the selected product ids)");
            }
        }
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
     * round-robin instead of piling onto one shard; then lowest id.
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

        boolean isFull() {
            return products.size() == capacity;
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
