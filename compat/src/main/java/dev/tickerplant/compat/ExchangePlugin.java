package dev.tickerplant.compat;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.coinbase.message.ExchangeMessages;
import dev.tickerplant.fanout.Encoding;
import dev.tickerplant.fanout.EndpointPlugin;
import dev.tickerplant.fanout.PluginLoop;

/** {@code /coinbase/exchange}: the Exchange feed protocol. */
final class ExchangePlugin implements EndpointPlugin {
    private final CompatOptions options;
    private final Encoding encoding = new ExchangeEncoding();

    ExchangePlugin(CompatOptions options) {
        this.options = options;
    }

    @Override
    public String path() {
        return CompatPaths.of(CoinbaseProtocol.EXCHANGE);
    }

    @Override
    public String protocol() {
        return CoinbaseProtocol.EXCHANGE.key();
    }

    @Override
    public Encoding encoding() {
        return encoding;
    }

    @Override
    public byte[] refusal(String message) {
        return ExchangeMessages.error(message, null);
    }

    @Override
    public PluginLoop newLoop() {
        return new ExchangeLoop(options);
    }
}
