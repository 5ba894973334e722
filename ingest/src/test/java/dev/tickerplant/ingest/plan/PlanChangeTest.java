package dev.tickerplant.ingest.plan;

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
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanChangeTest {

    private static final ShardPlan BEFORE = planOf(priority(0, "BTC-USD"), normal(1, "A-USD", "B-USD", "C-USD"),
            normal(2, "D-USD", "E-USD"), normal(3, "F-USD"));

    @Test
    void shardsAreMatchedByIdAndProductsAcrossThePlans() {
        ShardPlan after = planOf(priority(0, "BTC-USD"), normal(1, "A-USD", "B-USD", "C-USD"),
                normal(2, "D-USD", "NEW-USD"), priority(4, "F-USD"));

        PlanChange change = PlanChange.between(BEFORE, after);

        assertEquals(List.of(0, 1), change.unchanged());
        assertEquals(List.of(new PlanChange.ChangedShard(normal(2, "D-USD", "E-USD"), normal(2, "D-USD", "NEW-USD"))),
                change.changed());
        assertEquals(List.of("NEW-USD"), change.changed().get(0).joined());
        assertEquals(List.of("E-USD"), change.changed().get(0).left());
        assertEquals(List.of(priority(4, "F-USD")), change.added());
        assertEquals(List.of(normal(3, "F-USD")), change.removed());
        assertEquals(List.of("NEW-USD"), change.productsAdded());
        assertEquals(List.of("E-USD"), change.productsRemoved());
        assertEquals(List.of("F-USD"), change.productsMoved());
        assertFalse(change.isEmpty());
        assertEquals("+1 product (NEW-USD), -1 (E-USD), 1 moved (F-USD); shards: 1 new, 1 changed, 1 closed,"
                + " 2 unchanged", change.summary());
    }

    @Test
    void aRefreshThatSwapsOneListingForTwoChangesOneShardAndOpensOne() {
        List<Product> products = with(zipf(299), product("OLD-USD", "1"));
        ShardPlanner planner = new ShardPlanner();
        ShardPlan before = planner.plan(products, 15, Set.of());
        ShardPlan after = planner.replan(before, with(without(products, "OLD-USD"), product("NEW-USD", "500"),
                product("XYZ-USD", "400")), Set.of(), 15, 1);

        PlanChange change = PlanChange.between(before, after);

        assertEquals("+2 products (NEW-USD, XYZ-USD), -1 (OLD-USD); shards: 1 new, 1 changed, 0 closed,"
                + " 19 unchanged", change.summary());
        assertEquals(before.shardOf("OLD-USD").orElseThrow().id(), change.changed().get(0).id());
        assertEquals(List.of("NEW-USD"), change.changed().get(0).joined());
        assertEquals(List.of(new Shard(20, List.of("XYZ-USD"), false)), change.added());
    }

    @Test
    void thePlanAgainIsNoChange() {
        PlanChange change = PlanChange.between(BEFORE, planOf(BEFORE.shards().toArray(Shard[]::new)));

        assertTrue(change.isEmpty());
        assertEquals(List.of(0, 1, 2, 3), change.unchanged());
        assertEquals("+0 products, -0; shards: 0 new, 0 changed, 0 closed, 4 unchanged", change.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("summaries")
    void theSummaryNamesAtMostTenProductsPerList(String label, ShardPlan after, String summary) {
        assertEquals(summary, PlanChange.between(BEFORE, after).summary());
    }

    static Stream<Arguments> summaries() {
        return Stream.of(
                Arguments.of("one removed, its shard closed",
                        planOf(priority(0, "BTC-USD"), normal(1, "A-USD", "B-USD", "C-USD"),
                                normal(2, "D-USD", "E-USD")),
                        "+0 products, -1 (F-USD); shards: 0 new, 0 changed, 1 closed, 3 unchanged"),
                Arguments.of("ten added: all named",
                        plus(newIds(10)),
                        "+10 products (N01-USD, N02-USD, N03-USD, N04-USD, N05-USD, N06-USD, N07-USD, N08-USD,"
                                + " N09-USD, N10-USD), -0; shards: 1 new, 0 changed, 0 closed, 4 unchanged"),
                Arguments.of("thirteen added: ten named",
                        plus(newIds(13)),
                        "+13 products (N01-USD, N02-USD, N03-USD, N04-USD, N05-USD, N06-USD, N07-USD, N08-USD,"
                                + " N09-USD, N10-USD and 3 more), -0; shards: 1 new, 0 changed, 0 closed,"
                                + " 4 unchanged"),
                Arguments.of("everything removed",
                        planOf(),
                        "+0 products, -7 (A-USD, B-USD, BTC-USD, C-USD, D-USD, E-USD, F-USD); shards: 0 new,"
                                + " 0 changed, 4 closed, 0 unchanged"));
    }

    @Test
    void aChangedShardKeepsItsId() {
        assertEquals("after: shard 2 (expected the same id as before, 1)", assertThrows(
                IllegalArgumentException.class, () -> new PlanChange.ChangedShard(normal(1, "A-USD"),
                        normal(2, "A-USD"))).getMessage());
    }

    private static String[] newIds(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("N%02d-USD", i)).toArray(String[]::new);
    }

    /** {@link #BEFORE} with one more shard, id 5, holding {@code ids}. */
    private static ShardPlan plus(String... ids) {
        Shard[] shards = Stream.concat(BEFORE.shards().stream(), Stream.of(normal(5, ids))).toArray(Shard[]::new);
        return planOf(shards);
    }
}
