package dev.tickerplant.ingest.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which upstream connection carries which products; immutable.
 *
 * <p>Shard ids are unique but need not run 0..k-1: a re-plan ({@link ShardPlanner#replan}) keeps the ids of the shards
 * it keeps, so that their connections keep their names, and leaves gaps where shards went away.
 */
public final class ShardPlan {

    /** Priority shards first, each group by id: the order the connections are opened and logged in. */
    private static final Comparator<Shard> PRIORITY_FIRST_BY_ID =
            Comparator.comparing((Shard shard) -> !shard.priority()).thenComparingInt(Shard::id);

    private final List<Shard> shards;
    private final Map<Integer, Shard> byId = new HashMap<>();
    private final Map<Integer, BigDecimal> volumes;
    private final Map<String, Shard> byProduct = new HashMap<>();

    /**
     * @param shards  in any order; ids distinct, no product on two shards
     * @param volumes 24 h quote volume of each shard, by shard id
     */
    ShardPlan(List<Shard> shards, Map<Integer, BigDecimal> volumes) {
        List<Shard> ordered = new ArrayList<>(shards);
        ordered.sort(PRIORITY_FIRST_BY_ID);
        this.shards = List.copyOf(ordered);
        this.volumes = Map.copyOf(volumes);
        for (Shard shard : this.shards) {
            if (byId.put(shard.id(), shard) != null) {
                throw new IllegalArgumentException("shard id " + shard.id() + " is used twice (expected unique ids)");
            }
            if (!this.volumes.containsKey(shard.id())) {
                throw new IllegalArgumentException(
                        "volumes: none for shard " + shard.id() + " (expected one per shard)");
            }
            for (String productId : shard.productIds()) {
                Shard previous = byProduct.put(productId, shard);
                if (previous != null) {
                    throw new IllegalArgumentException("product " + productId + " is on shards " + previous.id()
                            + " and " + shard.id() + " (expected one shard per product)");
                }
            }
        }
        if (this.volumes.size() != this.shards.size()) {
            throw new IllegalArgumentException("volumes: " + this.volumes.size() + " entries (expected one per shard, "
                    + this.shards.size() + ")");
        }
    }

    /** Priority shards first, then the others; each group by id. */
    public List<Shard> shards() {
        return shards;
    }

    /** The shard with this id, if the plan has one. */
    public Optional<Shard> shard(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Shard> shardOf(String productId) {
        return Optional.ofNullable(byProduct.get(productId));
    }

    /** The highest shard id; empty for a plan without shards. A re-plan numbers its new shards above it. */
    public OptionalInt highestId() {
        return shards.stream().mapToInt(Shard::id).max();
    }

    public int totalProducts() {
        return byProduct.size();
    }

    /** 24 h quote volume carried by one shard, the figure the planner balanced. */
    BigDecimal volumeOf(int shardId) {
        BigDecimal volume = volumes.get(shardId);
        if (volume == null) {
            throw new IllegalArgumentException(
                    "shardId: " + shardId + " (expected one of " + new TreeSet<>(byId.keySet()) + ")");
        }
        return volume;
    }

    /** One line per shard, for the start-up log. */
    public String describe() {
        return shards.stream().map(this::describe).collect(Collectors.joining("\n"));
    }

    private String describe(Shard shard) {
        return String.format(Locale.ROOT, "shard %d%s: %d product%s, 24h quote volume %,d: %s",
                shard.id(), shard.priority() ? " (priority)" : "", shard.size(), shard.size() == 1 ? "" : "s",
                volumeOf(shard.id()).setScale(0, RoundingMode.HALF_UP).toBigInteger(),
                String.join(" ", shard.productIds()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardPlan plan && shards.equals(plan.shards) && volumes.equals(plan.volumes);
    }

    @Override
    public int hashCode() {
        return shards.hashCode() * 31 + volumes.hashCode();
    }

    @Override
    public String toString() {
        return "ShardPlan[" + shards.size() + " shards, " + totalProducts() + " products]";
    }
}
