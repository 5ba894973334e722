package dev.tickerplant.sim.feed;

import java.util.Objects;

/**
 * Which connections a fault applies to: one connection by id, every connection carrying a product, or all.
 *
 * @param connectionId the id for {@link Kind#CONNECTION}, otherwise 0
 * @param productId    the product for {@link Kind#PRODUCT} (an alias selects the connections carrying the aliased
 *                     book), otherwise {@code ""}
 */
public record FaultTarget(Kind kind, long connectionId, String productId) {

    public enum Kind { CONNECTION, PRODUCT, ALL }

    public FaultTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(productId, "productId");
        if (kind == Kind.CONNECTION && connectionId <= 0) {
            throw new IllegalArgumentException("connection id: " + connectionId + " (expected: > 0)");
        }
        if (kind == Kind.PRODUCT && productId.isBlank()) {
            throw new IllegalArgumentException("product id: '" + productId + "' (expected: a product id such as BTC-USD)");
        }
    }

    public static FaultTarget connection(long id) {
        return new FaultTarget(Kind.CONNECTION, id, "");
    }

    public static FaultTarget product(String productId) {
        return new FaultTarget(Kind.PRODUCT, 0, productId);
    }

    public static FaultTarget all() {
        return new FaultTarget(Kind.ALL, 0, "");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONNECTION -> "connection " + connectionId;
            case PRODUCT -> "connections carrying " + productId;
            case ALL -> "all connections";
        };
    }
}
