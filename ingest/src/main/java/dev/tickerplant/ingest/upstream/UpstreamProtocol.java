package dev.tickerplant.ingest.upstream;

import dev.tickerplant.ingest.codec.AdvancedTradeAdapter;
import dev.tickerplant.ingest.codec.AdvancedTradeProxy;
import dev.tickerplant.ingest.codec.ExchangeFeedAdapter;
import dev.tickerplant.ingest.codec.ExchangeFeedProxy;
import dev.tickerplant.ingest.codec.FeedDecoder;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The two Coinbase market-data dialects: how to subscribe to tickers plus keep-alive, and how to read the ack. */
public enum UpstreamProtocol {
    /** wss://advanced-trade-ws.coinbase.com: one channel per subscribe message, {@code heartbeats} once a second. */
    ADVANCED_TRADE("ticker", "heartbeats") {
        private final FeedDecoder decoder = new AdvancedTradeAdapter();

        @Override
        public FeedDecoder decoder() {
            return decoder;
        }

        @Override
        List<Supplier<String>> subscribeMessages(List<String> products, Supplier<String> jwt) {
            return List.of(
                    () -> AdvancedTradeProxy.subscribe("ticker", products, jwt.get()),
                    () -> AdvancedTradeProxy.subscribe("heartbeats", List.of(), jwt.get()));
        }
    },
    /** wss://ws-feed.exchange.coinbase.com: one subscribe message with both channels, a heartbeat per product. */
    EXCHANGE("ticker", "heartbeat") {
        private final FeedDecoder decoder = new ExchangeFeedAdapter();

        @Override
        public FeedDecoder decoder() {
            return decoder;
        }

        @Override
        List<Supplier<String>> subscribeMessages(List<String> products, Supplier<String> jwt) {
            return List.of(() -> ExchangeFeedProxy.subscribe(products, List.of("ticker", "heartbeat")));
        }
    };

    private final String tickerChannel;
    private final String keepAliveChannel;

    UpstreamProtocol(String tickerChannel, String keepAliveChannel) {
        this.tickerChannel = tickerChannel;
        this.keepAliveChannel = keepAliveChannel;
    }

    public abstract FeedDecoder decoder();

    /**
     * The messages one connection sends after the handshake. Each is built when it is sent, so that a JWT (Advanced
     * Trade with credentials) is minted fresh for every message, as Coinbase requires.
     */
    abstract List<Supplier<String>> subscribeMessages(List<String> products, Supplier<String> jwt);

    /** True once a cumulative ack lists both channels we asked for. */
    boolean ackComplete(Map<String, List<String>> subscriptions) {
        return subscriptions.containsKey(tickerChannel) && subscriptions.containsKey(keepAliveChannel);
    }

    /** The ticker products an ack confirms. */
    List<String> ackedProducts(Map<String, List<String>> subscriptions) {
        return subscriptions.getOrDefault(tickerChannel, List.of());
    }
}
