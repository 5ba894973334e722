package dev.tickerplant.compat;

import dev.tickerplant.fanout.EndpointPlugin;
import java.util.List;
import java.util.Objects;

/**
 * The Coinbase-compatible endpoints, to plug into a fanout server:
 *
 * <pre>
 * new FanoutServer(options, market, upstream, routes, CompatEndpoints.all(CompatOptions.defaults()));
 * </pre>
 */
public final class CompatEndpoints {
    private CompatEndpoints() {
    }

    /** {@code /coinbase/advanced-trade} and {@code /coinbase/exchange}, behaving as {@code options} say. */
    public static List<EndpointPlugin> all(CompatOptions options) {
        Objects.requireNonNull(options, "options");
        return List.of(new AdvancedTradePlugin(options), new ExchangePlugin(options));
    }
}
