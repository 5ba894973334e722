package dev.tickerplant.sim.market;

import java.util.Objects;
import java.util.Set;

/**
 * Listing status and trading restrictions of a product, as the REST product lists report them.
 *
 * @param status {@code online}, {@code offline} or {@code delisted}
 */
public record ProductFlags(
        String status,
        boolean isDisabled,
        boolean tradingDisabled,
        boolean cancelOnly,
        boolean limitOnly,
        boolean postOnly,
        boolean auctionMode,
        boolean viewOnly) {

    private static final Set<String> STATUSES = Set.of("online", "offline", "delisted");

    /** An online product with no restriction. */
    public static final ProductFlags TRADABLE = new ProductFlags("online", false, false, false, false, false, false, false);

    public ProductFlags {
        Objects.requireNonNull(status, "status");
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status: " + status + " (expected: one of " + STATUSES + ")");
        }
    }

    /** True when the product is online and takes orders without restriction. */
    public boolean tradable() {
        return online() && !isDisabled && !tradingDisabled && !cancelOnly && !viewOnly;
    }

    /** True when the product is listed as {@code online}; only such products can be subscribed to. */
    public boolean online() {
        return status.equals("online");
    }
}
