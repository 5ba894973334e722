package dev.tickerplant.sim.market;

/** Product families as the Advanced Trade REST API names them in {@code product_type}. */
public enum ProductType {
    SPOT,
    FUTURE
}
