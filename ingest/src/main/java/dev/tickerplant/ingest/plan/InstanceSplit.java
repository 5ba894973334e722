package dev.tickerplant.ingest.plan;

import dev.tickerplant.ingest.catalog.Product;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The share of the selected products that instance {@code instance} of {@code instances} follows, when several daemons
 * divide one market between them.
 *
 * <p>A product belongs to instance {@code fnv1a32(id) mod instances + 1}, a function of its id alone. Dealing the sorted
 * catalog round-robin would also split it evenly, but one listing or delisting would shift every product after it to
 * another instance, and two hosts that saw the catalog a minute apart would disagree. Hashing the id gives every host
 * the same answer from nothing but the id, keeps a product on its instance while others come and go, and still
 * spreads a few hundred ids about evenly. Priority products are split by the same rule, so each instance gives its
 * share of them their own shards ({@link #priorityIds}).
 *
 * @param instance  this instance, 1-based
 * @param instances how many instances share the products
 */
public record InstanceSplit(int instance, int instances) {

    private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    public InstanceSplit {
        if (instances < 1) {
            throw new IllegalArgumentException("instances: " + instances + " (expected >= 1)");
        }
        if (instance < 1 || instance > instances) {
            throw new IllegalArgumentException(
                    "instance: " + instance + " (expected 1.." + instances + ", one of the " + instances + " instances)");
        }
    }

    /** The whole selection on one instance. */
    public static InstanceSplit single() {
        return new InstanceSplit(1, 1);
    }

    /** The 1-based instance that follows {@code productId} when {@code instances} share the products. */
    public static int instanceOf(String productId, int instances) {
        Objects.requireNonNull(productId, "productId");
        if (instances < 1) {
            throw new IllegalArgumentException("instances: " + instances + " (expected >= 1)");
        }
        return Integer.remainderUnsigned(fnv1a32(productId), instances) + 1;
    }

    public boolean follows(String productId) {
        return instanceOf(productId, instances) == instance;
    }

    /** The products this instance follows, in their given order. */
    public List<Product> products(List<Product> selected) {
        return select(selected, Product::id);
    }

    /** The product ids this instance follows, in their given order. */
    public List<String> productIds(List<String> selected) {
        return select(selected, Function.identity());
    }

    /** The priority ids this instance follows: those of its own products, as {@link ShardPlanner#plan} expects. */
    public Set<String> priorityIds(Set<String> priorityIds) {
        Objects.requireNonNull(priorityIds, "priorityIds");
        return priorityIds.stream().filter(this::follows).collect(Collectors.toUnmodifiableSet());
    }

    private <T> List<T> select(List<T> selected, Function<T, String> id) {
        Objects.requireNonNull(selected, "selected");
        return selected.stream().filter(item -> follows(id.apply(item))).toList();
    }

    /** 32-bit FNV-1a over the id's UTF-8 bytes: fixed by its specification, so every host and version agree. */
    static int fnv1a32(String productId) {
        int hash = FNV_OFFSET_BASIS;
        for (byte b : productId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    @Override
    public String toString() {
        return "instance " + instance + " of " + instances;
    }
}
