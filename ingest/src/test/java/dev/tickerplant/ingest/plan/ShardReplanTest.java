package dev.tickerplant.ingest.plan;

import static dev.tickerplant.ingest.plan.PlanFixtures.except;
import static dev.tickerplant.ingest.plan.PlanFixtures.ids;
import static dev.tickerplant.ingest.plan.PlanFixtures.layout;
import static dev.tickerplant.ingest.plan.PlanFixtures.normal;
import static dev.tickerplant.ingest.plan.PlanFixtures.planOf;
import static dev.tickerplant.ingest.plan.PlanFixtures.priority;
import static dev.tickerplant.ingest.plan.PlanFixtures.product;
import static dev.tickerplant.ingest.plan.PlanFixtures.with;
import static dev.tickerplant.ingest.plan.PlanFixtures.without;
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

/** {@link ShardPlanner#replan}: the product set changes at run time, the connections change as little as they can. */
class ShardReplanTest {

    private static final int PER_CONNECTION = 15;

    private final ShardPlanner planner = new ShardPlanner();

    @Test
    void theSameProductsGiveTheSamePlan() {
        Set<String> priority = Set.of("Z001-USD", "Z002-USD");
        ShardPlan plan = planner.plan(zipf(300), PER_CONNECTION, priority, 1);
        List<Product> shuffled = new ArrayList<>(zipf(300));
        Collections.shuffle(shuffled, new Random(3));

        ShardPlan again = planner.replan(plan, shuffled, priority, PER_CONNECTION, 1);

        assertEquals(plan, again);
        assertTrue(PlanChange.between(plan, again).isEmpty());
    }

    @Test
    void aFirstPlanIsAReplanOfTheEmptyPlan() {
        ShardPlan empty = planner.plan(List.of(), PER_CONNECTION, Set.of());
        Random random = new Random(5);
        for (int n : new int[] {0, 1, 16, 45, 300}) {
            for (int perConnection : new int[] {1, 4, 15}) {
                List<Product> products = IntStream.range(0, n)
                        .mapToObj(i -> product("R" + i + "-USD", String.valueOf(random.nextInt(1000))))
                        .toList();
                Set<String> priority = products.stream().map(Product::id).filter(id -> random.nextInt(8) == 0)
                        .collect(Collectors.toSet());

                assertEquals(planner.plan(products, perConnection, priority, 2),
                        planner.replan(empty, products, priority, perConnection, 2),
                        "n=" + n + " perConnection=" + perConnection);
            }
        }
    }

    @Test
    void removingAProductChangesOnlyItsShard() {
        ShardPlan plan = planner.plan(zipf(300), PER_CONNECTION, Set.of());
        Shard holder = plan.shardOf("Z150-USD").orElseThrow();

        ShardPlan next = planner.replan(plan, without(zipf(300), "Z150-USD"), Set.of(), PER_CONNECTION, 1);

        assertEquals(ids(plan), ids(next));
        for (Shard shard : plan.shards()) {
            Shard after = next.shard(shard.id()).orElseThrow();
            if (shard.id() == holder.id()) {
                assertEquals(except(shard.productIds(), "Z150-USD"), after.productIds());
            } else {
                assertEquals(shard, after, "shard " + shard.id());
            }
        }
    }

    @Test
    void aShardLeftEmptyIsGoneAndTheOthersKeepTheirIds() {
        ShardPlan plan = planner.plan(zipf(30), PER_CONNECTION, Set.of("Z001-USD", "Z002-USD"));
        assertEquals(List.of(0, 1, 2, 3), ids(plan));

        ShardPlan next = planner.replan(plan, without(zipf(30), "Z001-USD"), Set.of("Z002-USD"), PER_CONNECTION, 1);

        assertEquals(List.of(1, 2, 3), ids(next));
        assertEquals(plan.shards().subList(1, 4), next.shards());
        assertTrue(next.shard(0).isEmpty());
    }

    @Test
    void newProductsGoToTheLightestShardWithRoomBeforeAShardIsOpened() {
        List<Product> products = List.of(product("A-USD", "100"), product("B-USD", "90"), product("C-USD", "1"),
                product("D-USD", "1"));
        ShardPlan plan = planOf(normal(0, "A-USD"), normal(1, "B-USD", "C-USD", "D-USD"));

        // E (heavier) goes to shard 1, the lighter one (92 against 100); that fills it, so F goes to shard 0.
        List<Product> more = with(products, product("E-USD", "5"), product("F-USD", "3"));
        ShardPlan filled = planner.replan(plan, more, Set.of(), 4, 1);

        assertEquals(Map.of(0, List.of("A-USD", "F-USD"), 1, List.of("B-USD", "C-USD", "D-USD", "E-USD")),
                layout(filled));

        // Two free slots, five new products: the heaviest two take the slots, the other three open one shard.
        ShardPlan opened = planner.replan(filled, with(more, product("G-USD", "50"), product("H-USD", "40"),
                product("I-USD", "30"), product("J-USD", "20"), product("K-USD", "10")), Set.of(), 4, 1);

        assertEquals(Map.of(0, List.of("A-USD", "F-USD", "G-USD", "H-USD"),
                1, List.of("B-USD", "C-USD", "D-USD", "E-USD"),
                2, List.of("I-USD", "J-USD", "K-USD")), layout(opened));
    }

    @Test
    void newShardsAreNumberedAboveTheHighestIdOfThePlanTheyStartFrom() {
        List<Product> products = List.of(product("A-USD", "10"), product("B-USD", "9"), product("C-USD", "8"),
                product("D-USD", "7"));
        ShardPlan plan = planner.plan(products, 2, Set.of());
        assertEquals(Map.of(0, List.of("A-USD", "D-USD"), 1, List.of("B-USD", "C-USD")), layout(plan));

        // Shard 1 empties in the same step that needs two new shards: its id is not handed to one of them.
        ShardPlan next = planner.replan(plan, List.of(product("A-USD", "10"), product("D-USD", "7"),
                product("X-USD", "5"), product("Y-USD", "4"), product("Z-USD", "3")), Set.of(), 2, 1);

        assertEquals(List.of(normal(0, "A-USD", "D-USD"), normal(2, "X-USD"), normal(3, "Y-USD", "Z-USD")),
                next.shards());
    }

    @Test
    void aProductThatBecomesPriorityMovesToANewPriorityShardListedFirst() {
        ShardPlan plan = planner.plan(zipf(30), PER_CONNECTION, Set.of("Z001-USD"));
        assertEquals(List.of(0, 1, 2), ids(plan));
        Shard holder = plan.shardOf("Z005-USD").orElseThrow();

        ShardPlan next = planner.replan(plan, zipf(30), Set.of("Z001-USD", "Z005-USD"), PER_CONNECTION, 1);

        assertEquals(List.of(0, 3, 1, 2), ids(next), "the new priority shard comes before the normal ones");
        assertEquals(priority(3, "Z005-USD"), next.shards().get(1));
        assertEquals(except(holder.productIds(), "Z005-USD"), next.shard(holder.id()).orElseThrow().productIds());
        int other = holder.id() == 1 ? 2 : 1;
        assertEquals(plan.shard(other), next.shard(other));
        assertEquals(plan.shard(0), next.shard(0));
    }

    @Test
    void aProductNoLongerPriorityLeavesItsShardForANormalOneWithRoom() {
        ShardPlan plan = planner.plan(zipf(30), PER_CONNECTION, Set.of("Z001-USD"));

        ShardPlan next = planner.replan(plan, zipf(30), Set.of(), PER_CONNECTION, 1);

        assertEquals(List.of(1, 2), ids(next), "the priority shard emptied; 29 + 1 products fit the two normal ones");
        Shard holder = next.shardOf("Z001-USD").orElseThrow();
        assertFalse(holder.priority());
        assertEquals(30, next.totalProducts());
    }

    @Test
    void aPriorityShardWithRoomTakesTheNextPriorityProduct() {
        ShardPlan plan = planner.plan(zipf(30), PER_CONNECTION, Set.of("Z001-USD"), 2);

        ShardPlan next = planner.replan(plan, zipf(30), Set.of("Z001-USD", "Z005-USD"), PER_CONNECTION, 2);

        assertEquals(priority(0, "Z001-USD", "Z005-USD"), next.shards().get(0));
        assertEquals(ids(plan), ids(next));
    }

    @Test
    void volumesAreRecomputedFromTheGivenProductsWithoutMovingAnything() {
        ShardPlan plan = planner.plan(List.of(product("A-USD", "100"), product("B-USD", "10")), 1, Set.of());

        ShardPlan next = planner.replan(plan, List.of(product("A-USD", "5"), product("B-USD", "500")), Set.of(), 1, 1);

        assertEquals(plan.shards(), next.shards());
        assertEquals(new BigDecimal("5"), next.volumeOf(0));
        assertEquals(new BigDecimal("500"), next.volumeOf(1));
        assertEquals("shard 0: 1 product, 24h quote volume 5: A-USD\n"
                + "shard 1: 1 product, 24h quote volume 500: B-USD", next.describe());
        assertTrue(PlanChange.between(plan, next).isEmpty());
    }

    @Test
    void aShardOverASmallerCapacityIsKeptButTakesNoMore() {
        ShardPlan plan = planner.plan(zipf(4), 4, Set.of());

        ShardPlan next = planner.replan(plan, zipf(5), Set.of(), 2, 1);

        assertEquals(List.of(plan.shards().get(0), normal(1, "Z005-USD")), next.shards());
    }

    /**
     * Many rounds of listings, delistings, priority changes and volume swings: whatever the change, a product wanted
     * with the same priority-ness stays on its shard, and a new shard is opened only when every shard of its kind is
     * full, no more of them than its products need.
     */
    @Test
    void keptProductsNeverMoveAndShardsOpenOnlyWhenTheirKindIsFull() {
        Random random = new Random(11);
        for (int[] capacities : new int[][] {{15, 1}, {5, 2}, {3, 3}, {1, 1}}) {
            int perConnection = capacities[0];
            int priorityPerConnection = capacities[1];
            List<Product> products = randomVolumes(IntStream.range(0, 100).mapToObj(i -> "R" + i + "-USD").toList(),
                    random);
            Set<String> priority = products.stream().map(Product::id).filter(id -> random.nextInt(20) == 0)
                    .collect(Collectors.toSet());
            ShardPlan plan = planner.plan(products, perConnection, priority, priorityPerConnection);
            int listed = 100;
            for (int round = 0; round < 30; round++) {
                List<String> nextIds = new ArrayList<>(products.stream().map(Product::id)
                        .filter(id -> random.nextInt(10) != 0).toList());
                for (int i = random.nextInt(13); i > 0; i--) {
                    nextIds.add("R" + listed++ + "-USD");
                }
                Set<String> nextPriority = nextIds.stream()
                        .filter(id -> priority.contains(id) != (random.nextInt(30) == 0))
                        .collect(Collectors.toSet());
                List<Product> nextProducts = randomVolumes(nextIds, random);
                String label = "capacities " + perConnection + "/" + priorityPerConnection + ", round " + round;

                ShardPlan next = planner.replan(plan, nextProducts, nextPriority, perConnection, priorityPerConnection);

                assertFollowsExactly(nextIds, nextPriority, next, label);
                assertNothingKeptMoved(plan, priority, next, nextPriority, label);
                assertNewShardsOnlyWhenFull(plan, next, true, priorityPerConnection, label);
                assertNewShardsOnlyWhenFull(plan, next, false, perConnection, label);
                next.shards().forEach(shard -> assertTrue(
                        shard.size() <= (shard.priority() ? priorityPerConnection : perConnection), label));
                plan = next;
                products = nextProducts;
                priority.clear();
                priority.addAll(nextPriority);
            }
        }
    }

    @Test
    void rejectsInputsItCannotPlan() {
        ShardPlan plan = planner.plan(List.of(product("BTC-USD", "1")), 15, Set.of());
        List<Product> products = List.of(product("BTC-USD", "1"));
        assertEquals("perConnection: 0 (expected >= 1)", assertThrows(IllegalArgumentException.class,
                () -> planner.replan(plan, products, Set.of(), 0, 1)).getMessage());
        assertEquals("priorityPerConnection: 0 (expected >= 1)", assertThrows(IllegalArgumentException.class,
                () -> planner.replan(plan, products, Set.of(), 15, 0)).getMessage());
        assertEquals("products: duplicate id \"BTC-USD\" (expected each product once)",
                assertThrows(IllegalArgumentException.class, () -> planner.replan(plan,
                        List.of(product("BTC-USD", "1"), product("BTC-USD", "2")), Set.of(), 15, 1)).getMessage());
        assertEquals("priorityIds: \"ETH-USD\" is not among the products to plan (expected a subset of the selected"
                + " product ids)", assertThrows(IllegalArgumentException.class,
                () -> planner.replan(plan, products, Set.of("ETH-USD"), 15, 1)).getMessage());
        assertEquals("current", assertThrows(NullPointerException.class,
                () -> planner.replan(null, products, Set.of(), 15, 1)).getMessage());
    }

    private static void assertFollowsExactly(List<String> ids, Set<String> priority, ShardPlan plan, String label) {
        List<String> placed = plan.shards().stream().flatMap(shard -> shard.productIds().stream()).toList();
        assertEquals(ids.size(), placed.size(), label);
        assertEquals(new HashSet<>(ids), new HashSet<>(placed), label);
        ids.forEach(id -> assertEquals(priority.contains(id), plan.shardOf(id).orElseThrow().priority(), label));
    }

    private static void assertNothingKeptMoved(ShardPlan before, Set<String> priorityBefore, ShardPlan after,
                                               Set<String> priorityAfter, String label) {
        for (Shard shard : before.shards()) {
            for (String id : shard.productIds()) {
                if (after.shardOf(id).isPresent() && priorityBefore.contains(id) == priorityAfter.contains(id)) {
                    assertEquals(shard.id(), after.shardOf(id).orElseThrow().id(), label + ": " + id + " moved");
                }
            }
        }
    }

    private static void assertNewShardsOnlyWhenFull(ShardPlan before, ShardPlan after, boolean priority, int capacity,
                                                    String label) {
        int highest = before.highestId().orElse(-1);
        List<Shard> ofKind = after.shards().stream().filter(shard -> shard.priority() == priority).toList();
        List<Shard> opened = ofKind.stream().filter(shard -> before.shard(shard.id()).isEmpty()).toList();
        if (opened.isEmpty()) {
            return;
        }
        opened.forEach(shard -> assertTrue(shard.id() > highest, label + ": new shard " + shard.id()
                + " not above " + highest));
        ofKind.stream().filter(shard -> before.shard(shard.id()).isPresent()).forEach(shard -> assertEquals(
                capacity, shard.size(), label + ": shard " + shard.id() + " had room while a shard was opened"));
        int onOpened = opened.stream().mapToInt(Shard::size).sum();
        assertEquals((onOpened + capacity - 1) / capacity, opened.size(), label + ": more new shards than needed");
    }

    private static List<Product> randomVolumes(List<String> ids, Random random) {
        return ids.stream().map(id -> product(id, String.valueOf(random.nextInt(5) == 0 ? 0
                : random.nextInt(1_000_000)))).toList();
    }
}
