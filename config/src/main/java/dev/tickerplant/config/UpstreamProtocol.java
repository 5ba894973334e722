package dev.tickerplant.config;

import java.net.URI;

/** Which Coinbase market-data API the upstream connections speak; each has its own hosts. */
public enum UpstreamProtocol {

    ADVANCED_TRADE("advanced-trade", "wss://advanced-trade-ws.coinbase.com", "https://api.coinbase.com"),
    EXCHANGE("exchange", "wss://ws-feed.exchange.coinbase.com", "https://api.exchange.coinbase.com");

    private final String key;
    private final URI defaultUpstreamUrl;
    private final URI defaultRestUrl;

    UpstreamProtocol(String key, String defaultUpstreamUrl, String defaultRestUrl) {
        this.key = key;
        this.defaultUpstreamUrl = URI.create(defaultUpstreamUrl);
        this.defaultRestUrl = URI.create(defaultRestUrl);
    }

    /** The name used in settings: {@code advanced-trade} or {@code exchange}. */
    public String key() {
        return key;
    }

    /** The public market-data WebSocket, used when {@code upstream-url} is not set. */
    public URI defaultUpstreamUrl() {
        return defaultUpstreamUrl;
    }

    /** The REST API for product discovery, used when {@code rest-url} is not set. */
    public URI defaultRestUrl() {
        return defaultRestUrl;
    }

    @Override
    public String toString() {
        return key;
    }
}
