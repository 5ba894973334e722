package dev.tickerplant.sim.market;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A spot product to list while the simulator runs, as Coinbase lists a new coin: online and tradable at once.
 *
 * <p>The bounds keep every amount the market derives from price and volume (in increments, as a {@code long}) far
 * from overflow.
 *
 * @param id             {@code BASE-QUOTE}, e.g. {@code NEW-USD}
 * @param price          the price the new book opens at and drifts around
 * @param quoteVolume24h the {@code approximate_quote_24h_volume} the REST lists report; also sets its share of trades
 */
public record NewListing(String id, BigDecimal price, BigDecimal quoteVolume24h) {

    public static final BigDecimal DEFAULT_PRICE = new BigDecimal("1.00");
    /** About the 60th busiest USD book of the standard catalog: enough trades to be seen within seconds. */
    public static final BigDecimal DEFAULT_QUOTE_VOLUME = new BigDecimal("10000000");
    static final BigDecimal MIN_PRICE = new BigDecimal("0.00001");
    static final BigDecimal MAX_PRICE = new BigDecimal("10000000");
    static final BigDecimal MAX_QUOTE_VOLUME = new BigDecimal("10000000000");
    private static final Pattern ID = Pattern.compile("([A-Z0-9]{1,16})-([A-Z0-9]{1,16})");

    public NewListing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quoteVolume24h, "quoteVolume24h");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: " + EchoedText.quote(id)
                    + " (expected: BASE-QUOTE, each 1..16 upper-case letters or digits, e.g. NEW-USD)");
        }
        if (price.compareTo(MIN_PRICE) < 0 || price.compareTo(MAX_PRICE) > 0) {
            throw new IllegalArgumentException("price: " + price.toPlainString() + " (expected: "
                    + MIN_PRICE.toPlainString() + ".." + MAX_PRICE.toPlainString() + ") for " + id);
        }
        if (quoteVolume24h.signum() < 0 || quoteVolume24h.compareTo(MAX_QUOTE_VOLUME) > 0) {
            throw new IllegalArgumentException("volume: " + quoteVolume24h.toPlainString() + " (expected: 0.."
                    + MAX_QUOTE_VOLUME.toPlainString() + " in the quote currency) for " + id);
        }
    }

    /** A listing at {@link #DEFAULT_PRICE} with {@link #DEFAULT_QUOTE_VOLUME}. */
    public static NewListing of(String id) {
        return new NewListing(id, DEFAULT_PRICE, DEFAULT_QUOTE_VOLUME);
    }

    public String baseCurrency() {
        return part(1);
    }

    public String quoteCurrency() {
        return part(2);
    }

    private String part(int group) {
        Matcher matcher = ID.matcher(id);
        if (!matcher.matches()) {
            throw new IllegalStateException("id was validated: " + id);
        }
        return matcher.group(group);
    }
}
