package dev.tickerplant.coinbase.rest;

import java.util.List;

/**
 * One product of the Advanced Trade {@code /market/products} list, every field a server writes, as decimal strings
 * where Coinbase sends strings. {@code fcm_trading_session_details} is always null for spot and is not a component.
 */
public record AdvancedTradeProduct(
        String productId,
        String price,
        String pricePercentageChange24h,
        String volume24h,
        String volumePercentageChange24h,
        String baseIncrement,
        String quoteIncrement,
        String quoteMinSize,
        String quoteMaxSize,
        String baseMinSize,
        String baseMaxSize,
        String baseName,
        String quoteName,
        boolean watched,
        boolean isDisabled,
        boolean isNew,
        String status,
        boolean cancelOnly,
        boolean limitOnly,
        boolean postOnly,
        boolean tradingDisabled,
        boolean auctionMode,
        String productType,
        String quoteCurrencyId,
        String baseCurrencyId,
        String midMarketPrice,
        String alias,
        List<String> aliasTo,
        String baseDisplaySymbol,
        String quoteDisplaySymbol,
        boolean viewOnly,
        String priceIncrement,
        String displayName,
        String productVenue,
        String approximateQuote24hVolume) {

    public AdvancedTradeProduct {
        aliasTo = List.copyOf(aliasTo);
    }
}
