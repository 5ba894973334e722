package dev.tickerplant.ingest.plan;

import dev.tickerplant.ingest.catalog.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Products and hand-built plans for the planning tests. */
final class PlanFixtures {

    private PlanFixtures() {
    }

    /** n products with Zipf volumes 10^9 / rank, ids Z001-USD (busiest) upwards, busiest first. */
    static List<Product> zipf(int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(rank -> product(String.format("Z%03d-USD", rank),
                        BigDecimal.valueOf(1_000_000_000L).divide(BigDecimal.valueOf(rank), 2, RoundingMode.HALF_UP)
                                .toPlainString()))
                .toList();
    }

    static Product product(String id, String volume) {
        return new Product(id, id.substring(0, id.indexOf('-')), "USD", true, true, "", new BigDecimal(volume));
    }

    /** {@code products} with {@code more} after them. */
    static List<Product> with(List<Product> products, Product... more) {
        List<Product> all = new ArrayList<>(products);
        all.addAll(Arrays.asList(more));
        return all;
    }

    /** {@code products} without the given ids. */
    static List<Product> without(List<Product> products, String... ids) {
        List<String> gone = Arrays.asList(ids);
        return products.stream().filter(product -> !gone.contains(product.id())).toList();
    }

    /** {@code ids} without {@code id}, in their order. */
    static List<String> except(List<String> ids, String id) {
        return ids.stream().filter(other -> !other.equals(id)).toList();
    }

    /** A plan of the given shards, each carrying a volume of 1. */
    static ShardPlan planOf(Shard... shards) {
        List<Shard> list = Arrays.asList(shards);
        return new ShardPlan(list, list.stream().collect(
                Collectors.toMap(Shard::id, shard -> BigDecimal.ONE)));
    }

    static Shard normal(int id, String... productIds) {
        return new Shard(id, List.of(productIds), false);
    }

    static Shard priority(int id, String... productIds) {
        return new Shard(id, List.of(productIds), true);
    }

    /** The shard ids of a plan, in its order. */
    static List<Integer> ids(ShardPlan plan) {
        return plan.shards().stream().map(Shard::id).toList();
    }

    /** Product lists by shard id, for comparing plans without their volumes. */
    static Map<Integer, List<String>> layout(ShardPlan plan) {
        return plan.shards().stream().collect(Collectors.toMap(Shard::id, Shard::productIds));
    }
}
