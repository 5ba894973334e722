package dev.tickerplant.sim.market;

import java.util.Locale;
import java.util.Objects;

/**
 * When the market trades and which product each trade belongs to.
 *
 * <p>{@link Pacing#POISSON} is the realistic default: random arrivals at the configured mean rate. {@link
 * Pacing#CONSTANT} is for latency measurement: trade k is due at exactly {@code start + k / rate} and carries that
 * <em>intended</em> time as its trade time even when the pump runs late, so a client that measures receive time minus
 * trade time also sees every delay the generator itself suffered (no coordinated omission).
 *
 * @param pacing how arrivals are spaced
 * @param order  how each arrival picks its product
 */
public record TickSchedule(Pacing pacing, ProductOrder order) {

    /** How arrivals are spaced in time. */
    public enum Pacing {
        /** Exponential gaps at the mean rate; after a stall longer than a second the backlog is skipped. */
        POISSON,
        /** Exactly {@code 1 / rate} apart; a late pump emits the backlog, each trade stamped with its intended time. */
        CONSTANT
    }

    /** How each arrival picks the product that trades. */
    public enum ProductOrder {
        /** At random, with probability proportional to the product's activity weight (busy books trade more). */
        WEIGHTED,
        /** Every trading product in turn, so each one trades at {@code rate / products}. */
        ROUND_ROBIN
    }

    public TickSchedule {
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(order, "order");
    }

    /** Random arrivals on products picked by weight: the default, closest to the live market. */
    public static TickSchedule poisson() {
        return new TickSchedule(Pacing.POISSON, ProductOrder.WEIGHTED);
    }

    public static TickSchedule constant(ProductOrder order) {
        return new TickSchedule(Pacing.CONSTANT, order);
    }

    public TickSchedule withPacing(Pacing value) {
        return new TickSchedule(value, order);
    }

    public TickSchedule withOrder(ProductOrder value) {
        return new TickSchedule(pacing, value);
    }

    /** Parses {@code poisson} or {@code constant}. */
    public static Pacing parsePacing(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "poisson" -> Pacing.POISSON;
            case "constant" -> Pacing.CONSTANT;
            default -> throw new IllegalArgumentException("'" + text + "' (expected: poisson or constant)");
        };
    }

    /** Parses {@code weighted} or {@code round-robin}. */
    public static ProductOrder parseOrder(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "weighted" -> ProductOrder.WEIGHTED;
            case "round-robin" -> ProductOrder.ROUND_ROBIN;
            default -> throw new IllegalArgumentException("'" + text + "' (expected: weighted or round-robin)");
        };
    }

    @Override
    public String toString() {
        return pacing.name().toLowerCase(Locale.ROOT) + "/" + order.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
