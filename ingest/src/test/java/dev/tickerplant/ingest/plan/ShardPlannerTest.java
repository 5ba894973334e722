package dev.tickerplant.ingest.plan;

import static dev.tickerplant.ingest.plan.PlanFixtures.product;
import static dev.tickerplant.ingest.plan.PlanFixtures.zipf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.catalog.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardPlannerTest {

    private static final int PER_CONNECTION = 15;

    private final ShardPlanner planner = new ShardPlanner();

    @Test
    void threeHundredProductsFillTwentyShardsOfFifteen() {
        ShardPlan plan = planner.plan(zipf(300), PER_CONNECTION, Set.of());

        assertEquals(20, plan.shards().size());
        assertEquals(IntStream.range(0, 20).boxed().toList(), plan.shards().stream().map(Shard::id).toList());
        plan.shards().forEach(shard -> assertEquals(15, shard.size(), "shard " + shard.id()));
        plan.shards().forEach(shard -> assertFalse(shard.priority()));
        assertEquals(300, plan.totalProducts());
    }

    @Test
    void theSameProductsInAnyOrderGiveTheSamePlan() {
        List<Product> products = new ArrayList<>(zipf(280));
        // Equal volumes, including unknown (zero) ones, are where an order-dependent planner would show.
        IntStream.range(0, 10).forEach(i -> products.add(product(String.format("TIE%02d-USD", i), "5000000")));
        IntStream.range(0, 10).forEach(i -> products.add(product(String.format("NEW%02d-USD", i), "0")));
        Set<String> priority = Set.of("Z001-USD", "Z150-USD", "TIE03-USD", "NEW07-USD");
        ShardPlan expected = planner.plan(products, PER_CONNECTION, priority);
        Random random = new Random(42);

        for (int round = 0; round < 20; round++) {
            List<Product> shuffled = new ArrayList<>(products);
            Collections.shuffle(shuffled, random);

            ShardPlan plan = planner.plan(shuffled, PER_CONNECTION, priority);

            assertEquals(expected, plan, "round " + round);
            assertEquals(expected.describe(), plan.describe(), "round " + round);
        }
    }

    @Test
    void theTwentyBusiestProductsAreOnTwentyDifferentShards() {
        List<Product> products = zipf(300);

        ShardPlan plan = planner.plan(products, PER_CONNECTION, Set.of());

        Set<Integer> shardsOfTopTwenty = products.subList(0, 20).stream()
                .map(product -> plan.shardOf(product.id()).orElseThrow().id())
                .collect(Collectors.toSet());
        assertEquals(20, shardsOfTopTwenty.size());
    }

    /**
     * Zipf volumes (v_i = 10^9 / i) cannot be balanced perfectly: the top product alone is three times an average
     * shard. The bounds below are therefore set against what any plan must accept:
     * <ul>
     * <li>Every shard is full (300 = 20 × 15), so the shard holding the top product carries at least v_1 plus the 14
     * lightest volumes. That is a lower bound on the busiest shard of any plan, and the planner must reach it.</li>
     * <li>The lightest shard of any plan is at most the mean of the other 19, so max/min can never go below
     * {@code best = lowerBound / ((total - lowerBound) / 19)} (about 3.8 here). The planner may exceed that by at
     * most 25 %.</li>
     * <li>Shards that hold no product heavier than the average shard can be balanced; their spread must stay under
     * 4/3, the classic guarantee of longest-processing-time scheduling.</li>
     * </ul>
     */
    @Test
    void zipfVolumesAreBalancedAsWellAsTheTopProductAllows() {
        List<Product> products = zipf(300);
        Map<String, BigDecimal> volumes = products.stream()
                .collect(Collectors.toMap(Product::id, Product::quoteVolume24h));

        ShardPlan plan = planner.plan(products, PER_CONNECTION, Set.of());

        List<Double> shardVolumes = plan.shards().stream().map(shard -> volume(shard, volumes)).toList();
        double total = products.stream().mapToDouble(p -> p.quoteVolume24h().doubleValue()).sum();
        double lightestFourteen = products.subList(286, 300).stream()
                .mapToDouble(p -> p.quoteVolume24h().doubleValue()).sum();
        double busiestLowerBound = products.get(0).quoteVolume24h().doubleValue() + lightestFourteen;
        double max = Collections.max(shardVolumes);
        double min = Collections.min(shardVolumes);
        double best = busiestLowerBound / ((total - busiestLowerBound) / 19);

        assertEquals(busiestLowerBound, max, 1.0);
        assertTrue(max / min <= 1.25 * best, "max/min " + max / min + " against best possible " + best);

        double averageShard = total / 20;
        List<Double> balanceable = plan.shards().stream()
                .filter(shard -> shard.productIds().stream().allMatch(id -> volumes.get(id).doubleValue() <= averageShard))
                .map(shard -> volume(shard, volumes))
                .toList();
        assertEquals(17, balanceable.size(), "three products exceed the average shard");
        double spread = Collections.max(balanceable) / Collections.min(balanceable);
        assertTrue(spread < 4.0 / 3.0, "spread of balanceable shards " + spread);
    }

    @Test
    void eachPriorityProductHasAConnectionOfItsOwnByDefault() {
        ShardPlan plan = planner.plan(zipf(30), PER_CONNECTION, Set.of("Z001-USD", "Z002-USD"));

        assertEquals(List.of(new Shard(0, List.of("Z001-USD"), true), new Shard(1, List.of("Z002-USD"), true)),
                plan.shards().subList(0, 2));
        assertEquals(List.of(false, false), plan.shards().subList(2, 4).stream().map(Shard::priority).toList());
        assertEquals(4, plan.shards().size(), "2 priority + ceil(28 / 15)");
    }

    @Test
    void twoPriorityProductsShareOneConnectionWhenTheSettingAllowsTwo() {
        ShardPlan plan = planner.plan(zipf(30), PER_CONNECTION, Set.of("Z001-USD", "Z002-USD"), 2);

        assertEquals(new Shard(0, List.of("Z001-USD", "Z002-USD"), true), plan.shards().get(0));
        assertEquals(3, plan.shards().size(), "1 priority + ceil(28 / 15)");
    }

    @Test
    void priorityProductsHaveShardsOfTheirOwnFirst() {
        List<Product> products = zipf(300);
        Set<String> priority = Set.of("Z001-USD", "Z002-USD", "Z003-USD", "Z004-USD", "Z005-USD", "Z250-USD");

        ShardPlan plan = planner.plan(products, PER_CONNECTION, priority, 3);

        List<Shard> priorityShards = plan.shards().stream().filter(Shard::priority).toList();
        assertEquals(List.of(0, 1), priorityShards.stream().map(Shard::id).toList());
        priorityShards.forEach(shard -> assertEquals(3, shard.size(), "shard " + shard.id()));
        assertEquals(priority, priorityShards.stream().flatMap(s -> s.productIds().stream()).collect(Collectors.toSet()));
        assertTrue(plan.shardOf("Z001-USD").orElseThrow().id() != plan.shardOf("Z002-USD").orElseThrow().id(),
                "the two busiest priority products share a connection");

        List<Shard> normalShards = plan.shards().subList(2, plan.shards().size());
        assertEquals(20, normalShards.size(), "ceil(294 / 15)");
        normalShards.forEach(shard -> {
            assertFalse(shard.priority());
            assertTrue(shard.productIds().stream().noneMatch(priority::contains), "shard " + shard.id());
        });
        assertEquals(300, plan.totalProducts());
    }

    @Test
    void priorityShardsHoldOneProductAndTheRestIsDealtByVolume() {
        ShardPlan plan = planner.plan(zipf(8), 4, Set.of("Z001-USD", "Z002-USD"));

        assertEquals(List.of(List.of("Z001-USD"), List.of("Z002-USD"),
                        List.of("Z003-USD", "Z006-USD", "Z008-USD"), List.of("Z004-USD", "Z005-USD", "Z007-USD")),
                plan.shards().stream().map(Shard::productIds).toList());
        assertEquals(List.of(true, true, false, false), plan.shards().stream().map(Shard::priority).toList());
    }

    @Test
    void oneProductIsOneShard() {
        ShardPlan plan = planner.plan(List.of(product("BTC-USD", "100")), PER_CONNECTION, Set.of());

        assertEquals(List.of(new Shard(0, List.of("BTC-USD"), false)), plan.shards());
        assertEquals(0, plan.shardOf("BTC-USD").orElseThrow().id());
        assertTrue(plan.shardOf("ETH-USD").isEmpty());
    }

    @Test
    void fewerProductsThanOneConnectionTakesShareOneShard() {
        ShardPlan plan = planner.plan(zipf(7), PER_CONNECTION, Set.of());

        assertEquals(1, plan.shards().size());
        assertEquals(zipf(7).stream().map(Product::id).sorted().toList(), plan.shards().get(0).productIds());
    }

    @Test
    void productsWithoutVolumeAreDealtRoundRobin() {
        List<Product> unknown = List.of(product("A-USD", "0"), product("B-USD", "0"), product("C-USD", "0"),
                product("D-USD", "0"), product("E-USD", "0"), product("F-USD", "0"));

        ShardPlan plan = planner.plan(unknown, 3, Set.of());

        assertEquals(List.of(List.of("A-USD", "C-USD", "E-USD"), List.of("B-USD", "D-USD", "F-USD")),
                plan.shards().stream().map(Shard::productIds).toList());
    }

    @Test
    void noProductIsLostOrDuplicated() {
        Random random = new Random(7);
        for (int n : new int[] {0, 1, 2, 14, 15, 16, 29, 31, 299, 301, 457}) {
            for (int perConnection : new int[] {1, 3, 5, 15, 50}) {
                List<Product> products = IntStream.range(0, n)
                        .mapToObj(i -> product("R" + i + "-USD", String.valueOf(random.nextInt(1000))))
                        .toList();
                Set<String> priority = products.stream().map(Product::id).filter(id -> random.nextInt(10) == 0)
                        .collect(Collectors.toSet());
                int priorityCapacity = 1 + random.nextInt(3);
                String label = "n=" + n + " perConnection=" + perConnection + " priority=" + priority.size()
                        + " priorityPerConnection=" + priorityCapacity;

                ShardPlan plan = planner.plan(products, perConnection, priority, priorityCapacity);

                List<String> placed = plan.shards().stream().flatMap(s -> s.productIds().stream()).toList();
                assertEquals(n, placed.size(), label);
                assertEquals(products.stream().map(Product::id).collect(Collectors.toSet()), new HashSet<>(placed),
                        label);
                assertEquals(n, plan.totalProducts(), label);
                int expectedShards = ceilDiv(priority.size(), priorityCapacity)
                        + ceilDiv(n - priority.size(), perConnection);
                assertEquals(expectedShards, plan.shards().size(), label);
                for (Shard shard : plan.shards()) {
                    assertTrue(shard.size() <= (shard.priority() ? priorityCapacity : perConnection), label);
                    assertEquals(shard.priority(), priority.containsAll(shard.productIds()), label);
                    assertEquals(shard.productIds().stream().sorted().toList(), shard.productIds(), label);
                    shard.productIds().forEach(id -> assertEquals(shard, plan.shardOf(id).orElseThrow(), label));
                }
            }
        }
    }

    @Test
    void describeWritesOneLinePerShard() {
        ShardPlan plan = planner.plan(List.of(product("BTC-USD", "1234567.5"), product("ETH-USD", "1000"),
                product("SOL-USD", "10")), 2, Set.of("BTC-USD"));

        assertEquals("shard 0 (priority): 1 product, 24h quote volume 1,234,568: BTC-USD\n"
                + "shard 1: 2 products, 24h quote volume 1,010: ETH-USD SOL-USD", plan.describe());
    }

    @Test
    void rejectsInputsItCannotPlan() {
        List<Product> products = List.of(product("BTC-USD", "1"));
        assertEquals("perConnection: 0 (expected >= 1)", assertThrows(IllegalArgumentException.class,
                () -> planner.plan(products, 0, Set.of())).getMessage());
        assertEquals("products: duplicate id \"BTC-USD\" (expected each product once)",
                assertThrows(IllegalArgumentException.class, () -> planner.plan(
                        List.of(product("BTC-USD", "1"), product("BTC-USD", "2")), 15, Set.of())).getMessage());
        assertEquals("priorityPerConnection: 0 (expected >= 1)", assertThrows(IllegalArgumentException.class,
                () -> planner.plan(products, 15, Set.of(), 0)).getMessage());
        assertEquals("priorityIds: \"ETH-USD\" is not among the products to plan (expected a subset of the selected"
                + " product ids)", assertThrows(IllegalArgumentException.class,
                () -> planner.plan(products, 15, Set.of("ETH-USD"))).getMessage());
    }

    private static double volume(Shard shard, Map<String, BigDecimal> volumes) {
        return shard.productIds().stream().mapToDouble(id -> volumes.get(id).doubleValue()).sum();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
