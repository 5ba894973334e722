package dev.tickerplant.ingest.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Which upstream connection carries which products; immutable. */
public final class ShardPlan {

    private final List<Shard> shards;
    private final List<BigDecimal> volumes;
    private final Map<String, Shard> byProduct = new HashMap<>();

    /** @param volumes 24 h quote volume of each shard, same order as {@code shards} */
    ShardPlan(List<Shard> shards, List<BigDecimal> volumes) {
        if (shards.size() != volumes.size()) {
            throw new IllegalArgumentException("volumes: " + volumes.size() + " entries (expected one per shard, "
                    + shards.size() + ")");
        }
        this.shards = List.copyOf(shards);
        this.volumes = List.copyOf(volumes);
        for (int i = 0; i < this.shards.size(); i++) {
            Shard shard = this.shards.get(i);
            if (shard.id() != i) {
                throw new IllegalArgumentException("shard at index " + i + " has id " + shard.id() + " (expected " + i
                        + ")");
            }
            for (String productId : shard.productIds()) {
                Shard previous = byProduct.put(productId, shard);
                if (previous != null) {
                    throw new IllegalArgumentException("product " + productId + " is on shards " + previous.id()
                            + " and " + shard.id() + " (expected one shard per product)");
                }
            }
        }
    }

    /** Shards by id, priority shards first. */
    public List<Shard> shards() {
        return shards;
    }

    public Optional<Shard> shardOf(String productId) {
        return Optional.ofNullable(byProduct.get(productId));
    }

    public int totalProducts() {
        return byProduct.size();
    }

    /** 24 h quote volume carried by one shard, the figure the planner balanced. */
    BigDecimal volumeOf(int shardId) {
        return volumes.get(shardId);
    }

    /** One line per shard, for the start-up log. */
    public String describe() {
        return shards.stream().map(this::describe).collect(Collectors.joining("\n"));
    }

    private String describe(Shard shard) {
        return String.format(Locale.ROOT, "shard %d%s: %d product%s, 24h quote volume %,d: %s",
                shard.id(), shard.priority() ? " (priority)" : "", shard.size(), shard.size() == 1 ? "" : "s",
                volumes.get(shard.id()).setScale(0, RoundingMode.HALF_UP).toBigInteger(),
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
