package dev.tickerplant.sim.feed;

import dev.tickerplant.coinbase.CoinbaseProtocol;

/** Where the simulator serves each protocol: Advanced Trade on {@code /}, the Exchange feed on {@code /exchange}. */
final class FeedPaths {

    private FeedPaths() {
    }

    static String of(CoinbaseProtocol protocol) {
        return switch (protocol) {
            case ADVANCED_TRADE -> "/";
            case EXCHANGE -> "/exchange";
        };
    }

    /** The protocol served on {@code path}, or null if none is. */
    static CoinbaseProtocol forPath(String path) {
        for (CoinbaseProtocol protocol : CoinbaseProtocol.values()) {
            if (of(protocol).equals(path)) {
                return protocol;
            }
        }
        return null;
    }
}
