package dev.tickerplant.compat;

import dev.tickerplant.fanout.Encoding;
import dev.tickerplant.fanout.EndpointPlugin;
import dev.tickerplant.fanout.PluginLoop;

/** {@code /coinbase/advanced-trade}: the Advanced Trade market-data protocol. */
final class AdvancedTradePlugin implements EndpointPlugin {
    private final CompatOptions options;
    private final Encoding encoding = new AdvancedTradeEncoding();

    AdvancedTradePlugin(CompatOptions options) {
        this.options = options;
    }

    @Override
    public String path() {
        return CompatProtocol.ADVANCED_TRADE.path();
    }

    @Override
    public String protocol() {
        return CompatProtocol.ADVANCED_TRADE.wireName();
    }

    @Override
    public Encoding encoding() {
        return encoding;
    }

    @Override
    public byte[] refusal(String message) {
        return AdvancedTradeJson.error(message);
    }

    @Override
    public PluginLoop newLoop() {
        return new AdvancedTradeLoop(options);
    }
}
