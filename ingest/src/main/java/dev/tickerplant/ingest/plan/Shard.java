package dev.tickerplant.ingest.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The products one upstream connection subscribes to.
 *
 * @param id         unique within its plan and stable across re-plans: a shard that keeps its products keeps its id,
 *                   and with it the name of its connection ({@code conn-03})
 * @param productIds sorted by id
 * @param priority   a small dedicated shard for products that must not share a connection with the bulk
 */
public record Shard(int id, List<String> productIds, boolean priority) {

    public Shard {
        if (id < 0) {
            throw new IllegalArgumentException("id: " + id + " (expected >= 0)");
        }
        Objects.requireNonNull(productIds, "productIds");
        productIds = List.copyOf(productIds);
        if (productIds.isEmpty()) {
            throw new IllegalArgumentException("productIds of shard " + id + ": [] (expected at least one)");
        }
        if (new HashSet<>(productIds).size() != productIds.size()) {
            throw new IllegalArgumentException(
                    "productIds of shard " + id + ": " + productIds + " (expected each id once)");
        }
    }

    public int size() {
        return productIds.size();
    }
}
