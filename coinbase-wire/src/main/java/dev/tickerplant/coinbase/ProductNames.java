package dev.tickerplant.coinbase;

import java.util.Locale;

/**
 * The one rule for a product as a person names it, wherever one is named: the {@code products} settings, the
 * downstream subscribe commands and {@code ?products=}, the {@code /api/tickers/{id}} route. Case is ignored, and a
 * bare base currency ({@code BTC}, as the seed system's {@code MONITORING_CRYPTOS} lists them) is that base in the
 * configured quote currency ({@code BTC-USD}); an id with a dash is taken as it is.
 */
public final class ProductNames {
    /** The {@code quote-currency} setting's default. */
    public static final String DEFAULT_QUOTE_CURRENCY = "USD";

    private ProductNames() {
    }

    /** The product id {@code name} stands for: {@code btc} and {@code BTC-usd} are both {@code BTC-USD} in USD. */
    public static String productId(String name, String quoteCurrency) {
        String id = withoutSpaces(name).toUpperCase(Locale.ROOT);
        if (!isPlain(id)) {
            return name; // a control character or the like is part of no product's name: it must not match one
        }
        return id.isEmpty() || id.indexOf('-') >= 0 ? id : id + "-" + quoteCurrency;
    }

    /** Spaces around a name are a person's typing; nothing else around or inside it is taken away. */
    private static String withoutSpaces(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && name.charAt(start) == ' ') {
            start++;
        }
        while (end > start && name.charAt(end - 1) == ' ') {
            end--;
        }
        return name.substring(start, end);
    }

    /** Letters, digits and dashes: what Coinbase product ids are made of. */
    private static boolean isPlain(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
