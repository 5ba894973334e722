package dev.tickerplant.compat;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.coinbase.message.AdvancedTradeMessages;
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
        return CompatPaths.of(CoinbaseProtocol.ADVANCED_TRADE);
    }

    @Override
    public String protocol() {
        return CoinbaseProtocol.ADVANCED_TRADE.key();
    }

    @Override
    public Encoding encoding() {
        return encoding;
    }

    @Override
    public byte[] refusal(String message) {
        return AdvancedTradeMessages.error(message);
    }

    @Override
    public PluginLoop newLoop() {
        return new AdvancedTradeLoop(options);
    }
}
