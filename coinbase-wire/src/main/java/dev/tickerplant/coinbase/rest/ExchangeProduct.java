package dev.tickerplant.coinbase.rest;

/** One product of the Exchange {@code /products} list, every field a server writes. */
public record ExchangeProduct(
        String id,
        String baseCurrency,
        String quoteCurrency,
        String quoteIncrement,
        String baseIncrement,
        String displayName,
        String minMarketFunds,
        boolean marginEnabled,
        boolean postOnly,
        boolean limitOnly,
        boolean cancelOnly,
        String status,
        String statusMessage,
        boolean auctionMode,
        boolean tradingDisabled,
        boolean fxStablecoin,
        String maxSlippagePercentage,
        String highBidLimitPercentage) {
}
