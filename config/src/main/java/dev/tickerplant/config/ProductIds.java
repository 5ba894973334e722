package dev.tickerplant.config;

import dev.tickerplant.coinbase.ProductNames;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Product id lists as operators write them: comma-separated, any case, seed-style bare base currencies ({@code BTC})
 * allowed. Ids keep their first position when repeated, so the order given is the order of subscription.
 */
final class ProductIds {

    /** Letters and digits joined by dashes: {@code BTC}, {@code BTC-USD}, {@code BTC-PERP-INTX}. */
    private static final Pattern PRODUCT_ID = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)*");

    private ProductIds() {
    }

    /** Splits, trims, upper-cases and de-duplicates; empty entries are dropped. */
    static List<String> split(String text) throws InvalidValueException {
        Set<String> ids = new LinkedHashSet<>();
        for (String entry : text.split(",", -1)) {
            String id = entry.strip().toUpperCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            if (!isValid(id)) {
                throw new InvalidValueException(expectation() + "; " + ConfigException.quote(entry.strip())
                        + " is not one");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    static String expectation() {
        return "comma-separated product ids such as BTC-USD,ETH-USD (letters and digits joined by dashes)";
    }

    static boolean isValid(String id) {
        return PRODUCT_ID.matcher(id).matches();
    }

    /**
     * Appends {@code -QUOTE} to every id without a dash ({@code BTC} becomes {@code BTC-USD}), then de-duplicates: the
     * rule every surface that names a product follows ({@link ProductNames}).
     */
    static List<String> qualify(List<String> ids, String quoteCurrency) {
        Set<String> qualified = new LinkedHashSet<>();
        for (String id : ids) {
            qualified.add(ProductNames.productId(id, quoteCurrency));
        }
        return List.copyOf(qualified);
    }
}
