package dev.tickerplant.compat;

import dev.tickerplant.coinbase.CoinbaseProtocol;

/** Where the Coinbase-compatible endpoints are served, next to the native {@code /ws} on the same port. */
final class CompatPaths {

    private CompatPaths() {
    }

    /** {@code /coinbase/advanced-trade} or {@code /coinbase/exchange}. */
    static String of(CoinbaseProtocol protocol) {
        return "/coinbase/" + protocol.key();
    }
}
