package dev.tickerplant.ingest.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One spot product as listed by the REST catalog.
 *
 * @param id             product id as Coinbase spells it, e.g. {@code BTC-USD}
 * @param baseCurrency   currency bought, e.g. {@code BTC}
 * @param quoteCurrency  currency paid, e.g. {@code USD}
 * @param online         the listing's status is {@code online}
 * @param tradable       none of the flags that stop trading is set (trading_disabled, is_disabled, cancel_only,
 *                       view_only, where the venue has them)
 * @param alias          the id whose book this product mirrors ({@code BTC-USDC} mirrors {@code BTC-USD}); "" when none
 * @param quoteVolume24h approximate 24 h traded volume in the quote currency; zero when the venue does not say
 */
public record Product(String id, String baseCurrency, String quoteCurrency, boolean online, boolean tradable,
                      String alias, BigDecimal quoteVolume24h) {

    public Product {
        requireText("id", id);
        requireText("baseCurrency", baseCurrency);
        requireText("quoteCurrency", quoteCurrency);
        Objects.requireNonNull(alias, "alias: null (expected \"\" when the product is not an alias)");
        Objects.requireNonNull(quoteVolume24h, "quoteVolume24h: null (expected >= 0)");
        if (quoteVolume24h.signum() < 0) {
            throw new IllegalArgumentException("quoteVolume24h: " + quoteVolume24h + " for " + id + " (expected >= 0)");
        }
    }

    /** True when this id only mirrors another product's book. */
    public boolean isAlias() {
        return !alias.isEmpty();
    }

    /** True when the product is online and tradable, i.e. its ticker moves. */
    public boolean isActive() {
        return online && tradable;
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": \"" + value + "\" (expected a non-blank value)");
        }
    }
}
