package dev.tickerplant.ingest.catalog;

import java.util.List;
import java.util.Objects;

/** Which products to follow, as the {@code products} setting says. */
public sealed interface Selection {

    /** The quote currency of the default selection. */
    String DEFAULT_QUOTE_CURRENCY = "USD";

    /** Every online, tradable, non-alias product quoted in USD. */
    static Selection defaults() {
        return allOf(DEFAULT_QUOTE_CURRENCY);
    }

    static Selection explicit(List<String> ids) {
        return new Explicit(ids);
    }

    static Selection topN(int count, String quoteCurrency) {
        return new TopN(count, quoteCurrency);
    }

    static Selection allOf(String quoteCurrency) {
        return new AllOfQuote(quoteCurrency);
    }

    /** Exactly these products, in this order; each must exist in the catalog. */
    record Explicit(List<String> ids) implements Selection {
        public Explicit {
            Objects.requireNonNull(ids, "ids");
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("ids: [] (expected at least one product id)");
            }
            for (String id : ids) {
                if (id == null || id.isBlank()) {
                    throw new IllegalArgumentException("ids: " + ids + " (expected no blank product id)");
                }
            }
            ids = List.copyOf(ids);
        }
    }

    /** The {@code count} busiest active, non-alias products of one quote currency. */
    record TopN(int count, String quoteCurrency) implements Selection {
        public TopN {
            if (count < 1) {
                throw new IllegalArgumentException("count: " + count + " (expected >= 1)");
            }
            requireCurrency(quoteCurrency);
        }
    }

    /** Every active, non-alias product of one quote currency. */
    record AllOfQuote(String quoteCurrency) implements Selection {
        public AllOfQuote {
            requireCurrency(quoteCurrency);
        }
    }

    private static void requireCurrency(String quoteCurrency) {
        if (quoteCurrency == null || quoteCurrency.isBlank()) {
            throw new IllegalArgumentException(
                    "quoteCurrency: \"" + quoteCurrency + "\" (expected a currency code such as USD)");
        }
    }
}
