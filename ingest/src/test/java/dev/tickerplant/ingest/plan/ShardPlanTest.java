package dev.tickerplant.ingest.plan;

import static dev.tickerplant.ingest.plan.PlanFixtures.ids;
import static dev.tickerplant.ingest.plan.PlanFixtures.normal;
import static dev.tickerplant.ingest.plan.PlanFixtures.planOf;
import static dev.tickerplant.ingest.plan.PlanFixtures.priority;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A plan whose shard ids have gaps, as re-plans leave them. */
class ShardPlanTest {

    @Test
    void shardsComePriorityFirstThenById() {
        ShardPlan plan = planOf(normal(7, "C-USD"), priority(9, "B-USD"), normal(2, "D-USD"), priority(1, "A-USD"));

        assertEquals(List.of(1, 9, 2, 7), ids(plan));
        assertEquals(OptionalInt.of(9), plan.highestId());
        assertEquals(normal(7, "C-USD"), plan.shard(7).orElseThrow());
        assertTrue(plan.shard(3).isEmpty());
        assertEquals(7, plan.shardOf("C-USD").orElseThrow().id());
    }

    @Test
    void volumesAndTheDescriptionGoByShardId() {
        ShardPlan plan = new ShardPlan(List.of(normal(5, "B-USD", "C-USD"), priority(2, "A-USD")),
                Map.of(5, new BigDecimal("1500.4"), 2, new BigDecimal("99")));

        assertEquals(new BigDecimal("1500.4"), plan.volumeOf(5));
        assertEquals("shard 2 (priority): 1 product, 24h quote volume 99: A-USD\n"
                + "shard 5: 2 products, 24h quote volume 1,500: B-USD C-USD", plan.describe());
        assertEquals("shardId: 3 (expected one of [2, 5])",
                assertThrows(IllegalArgumentException.class, () -> plan.volumeOf(3)).getMessage());
    }

    @Test
    void equalPlansAreEqualWhateverTheOrderTheyWereBuiltIn() {
        ShardPlan one = planOf(normal(3, "B-USD"), priority(0, "A-USD"));
        ShardPlan same = planOf(priority(0, "A-USD"), normal(3, "B-USD"));

        assertEquals(one, same);
        assertEquals(one.hashCode(), same.hashCode());
        assertNotEquals(one, planOf(priority(0, "A-USD"), normal(4, "B-USD")));
        assertNotEquals(one, new ShardPlan(one.shards(), Map.of(0, BigDecimal.ONE, 3, BigDecimal.TEN)));
        assertTrue(planOf().highestId().isEmpty());
    }

    @Test
    void rejectsPlansItCannotStandFor() {
        assertEquals("shard id 4 is used twice (expected unique ids)", assertThrows(IllegalArgumentException.class,
                () -> new ShardPlan(List.of(normal(4, "A-USD"), priority(4, "B-USD")), Map.of(4, BigDecimal.ONE)))
                .getMessage());
        assertEquals("product A-USD is on shards 1 and 2 (expected one shard per product)",
                assertThrows(IllegalArgumentException.class, () -> planOf(normal(1, "A-USD"), normal(2, "A-USD")))
                        .getMessage());
        assertEquals("volumes: none for shard 2 (expected one per shard)", assertThrows(IllegalArgumentException.class,
                () -> new ShardPlan(List.of(normal(2, "A-USD")), Map.of(1, BigDecimal.ONE))).getMessage());
        assertEquals("volumes: 2 entries (expected one per shard, 1)", assertThrows(IllegalArgumentException.class,
                () -> new ShardPlan(List.of(normal(2, "A-USD")), Map.of(1, BigDecimal.ONE, 2, BigDecimal.ONE)))
                .getMessage());
    }
}
