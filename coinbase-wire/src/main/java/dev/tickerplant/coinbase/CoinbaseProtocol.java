package dev.tickerplant.coinbase;

import java.net.URI;

/**
 * The two Coinbase market-data APIs. Each program that speaks one keeps what is its own (the simulator's and the
 * compatible endpoints' mount paths, the client's subscribe plan) next to its code, keyed by this enum.
 */
public enum CoinbaseProtocol {
    /** Advanced Trade: {@code wss://advanced-trade-ws.coinbase.com}, envelopes with a {@code channel}. */
    ADVANCED_TRADE("advanced-trade", "wss://advanced-trade-ws.coinbase.com", "https://api.coinbase.com"),
    /** Exchange feed: {@code wss://ws-feed.exchange.coinbase.com}, flat messages with a {@code type}. */
    EXCHANGE("exchange", "wss://ws-feed.exchange.coinbase.com", "https://api.exchange.coinbase.com");

    private final String key;
    private final URI defaultUpstreamUrl;
    private final URI defaultRestUrl;

    CoinbaseProtocol(String key, String defaultUpstreamUrl, String defaultRestUrl) {
        this.key = key;
        this.defaultUpstreamUrl = URI.create(defaultUpstreamUrl);
        this.defaultRestUrl = URI.create(defaultRestUrl);
    }

    /** The name in settings and in {@code /api/connections}: {@code advanced-trade} or {@code exchange}. */
    public String key() {
        return key;
    }

    /** The public market-data WebSocket. */
    public URI defaultUpstreamUrl() {
        return defaultUpstreamUrl;
    }

    /** The public REST API for product discovery. */
    public URI defaultRestUrl() {
        return defaultRestUrl;
    }

    @Override
    public String toString() {
        return key;
    }
}
