package dev.tickerplant.compat;

/** The Coinbase-compatible WebSocket endpoints, served next to the native {@code /ws} on the same port. */
enum CompatProtocol {
    /** The Advanced Trade market-data protocol ({@code wss://advanced-trade-ws.coinbase.com}). */
    ADVANCED_TRADE("advanced-trade", "/coinbase/advanced-trade"),
    /** The Exchange feed protocol ({@code wss://ws-feed.exchange.coinbase.com}). */
    EXCHANGE("exchange", "/coinbase/exchange");

    private final String wireName;
    private final String path;

    CompatProtocol(String wireName, String path) {
        this.wireName = wireName;
        this.path = path;
    }

    /** As {@code /api/connections} reports it: {@code advanced-trade} or {@code exchange}. */
    public String wireName() {
        return wireName;
    }

    /** The endpoint's URL path. */
    public String path() {
        return path;
    }
}
