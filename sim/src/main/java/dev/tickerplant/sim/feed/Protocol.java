package dev.tickerplant.sim.feed;

/** The two Coinbase market-data WebSocket protocols the simulator speaks, and the path each is served on. */
public enum Protocol {
    /** Advanced Trade ({@code wss://advanced-trade-ws.coinbase.com}), served on {@code /}. */
    ADVANCED_TRADE("/"),
    /** Exchange feed ({@code wss://ws-feed.exchange.coinbase.com}), served on {@code /exchange}. */
    EXCHANGE("/exchange");

    private final String path;

    Protocol(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The protocol served on {@code path}, or null if none is. */
    static Protocol forPath(String path) {
        for (Protocol protocol : values()) {
            if (protocol.path.equals(path)) {
                return protocol;
            }
        }
        return null;
    }
}
