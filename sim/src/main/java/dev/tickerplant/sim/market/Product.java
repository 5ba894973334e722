package dev.tickerplant.sim.market;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One listed product of the simulated exchange: identity, listing flags, increments and 24 h figures.
 *
 * @param index                  position in the catalog, also the index of the product's market state
 * @param id                     e.g. {@code BTC-USD}
 * @param alias                  the product whose book this one mirrors ({@code ""} if none), e.g. {@code BTC-USDC}
 *                               has alias {@code BTC-USD}
 * @param aliasTo                products that mirror this one
 * @param priceScale             fractional digits of the quote/price increment (2 means {@code 0.01})
 * @param baseScale              fractional digits of the base increment
 * @param referencePrice         the price the simulated market starts from and drifts around
 * @param quoteVolume24h         the {@code approximate_quote_24h_volume} the REST list reports
 * @param volumePercentChange24h the {@code volume_percentage_change_24h} the REST list reports
 * @param tickWeight             relative trade rate; 0 for products that never trade (aliases, restricted ones)
 * @param dataSourceIndex        index of the product whose ticks this one streams: itself, or the aliased product
 */
public record Product(
        int index,
        String id,
        ProductType type,
        String baseCurrency,
        String quoteCurrency,
        String baseName,
        String quoteName,
        ProductFlags flags,
        String alias,
        List<String> aliasTo,
        int priceScale,
        int baseScale,
        BigDecimal referencePrice,
        BigDecimal quoteVolume24h,
        BigDecimal volumePercentChange24h,
        double tickWeight,
        int dataSourceIndex) {

    private static final Pattern ID = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)+");

    public Product {
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: '" + id + "' (expected: upper-case segments joined by '-', e.g. BTC-USD)");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(baseCurrency, "baseCurrency");
        Objects.requireNonNull(quoteCurrency, "quoteCurrency");
        Objects.requireNonNull(baseName, "baseName");
        Objects.requireNonNull(quoteName, "quoteName");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(alias, "alias");
        aliasTo = List.copyOf(aliasTo);
        checkScale("priceScale", priceScale);
        checkScale("baseScale", baseScale);
        if (referencePrice.signum() <= 0) {
            throw new IllegalArgumentException("referencePrice: " + referencePrice + " (expected: > 0) for " + id);
        }
        if (quoteVolume24h.signum() < 0) {
            throw new IllegalArgumentException("quoteVolume24h: " + quoteVolume24h + " (expected: >= 0) for " + id);
        }
        Objects.requireNonNull(volumePercentChange24h, "volumePercentChange24h");
        if (!(tickWeight >= 0) || Double.isInfinite(tickWeight)) {
            throw new IllegalArgumentException("tickWeight: " + tickWeight + " (expected: finite and >= 0) for " + id);
        }
        if (dataSourceIndex < 0) {
            throw new IllegalArgumentException("dataSourceIndex: " + dataSourceIndex + " (expected: >= 0) for " + id);
        }
    }

    /** True when the simulator generates trades for this product. */
    public boolean trades() {
        return tickWeight > 0;
    }

    /** True when this product streams another product's data. */
    public boolean isAlias() {
        return !alias.isEmpty();
    }

    /** The price increment as the REST API writes it, e.g. {@code "0.01"}. */
    public String priceIncrement() {
        return Decimals.increment(priceScale);
    }

    /** The base increment as the REST API writes it, e.g. {@code "0.00000001"}. */
    public String baseIncrement() {
        return Decimals.increment(baseScale);
    }

    private static void checkScale(String name, int scale) {
        if (scale < 0 || scale > Decimals.MAX_SCALE) {
            throw new IllegalArgumentException(name + ": " + scale + " (expected: 0.." + Decimals.MAX_SCALE + ")");
        }
    }
}
