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
        String id = name.strip().toUpperCase(Locale.ROOT);
        return id.isEmpty() || id.indexOf('-') >= 0 ? id : id + "-" + quoteCurrency;
    }
}
