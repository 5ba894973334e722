package dev.tickerplant.ingest.upstream;

import dev.tickerplant.ingest.codec.AdvancedTradeAdapter;
import dev.tickerplant.ingest.codec.AdvancedTradeProxy;
import dev.tickerplant.ingest.codec.ExchangeFeedAdapter;
import dev.tickerplant.ingest.codec.ExchangeFeedProxy;
import dev.tickerplant.ingest.codec.FeedDecoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The two Coinbase market-data dialects: how to subscribe to tickers plus keep-alive, and how to read the ack. */
public enum UpstreamProtocol {
    /** wss://advanced-trade-ws.coinbase.com: one channel per subscribe message, {@code heartbeats} once a second. */
    ADVANCED_TRADE("ticker", "heartbeats") {
        @Override
        public FeedDecoder newDecoder() {
            return new AdvancedTradeAdapter();
        }

        @Override
        Supplier<String> tickerSubscribe(List<String> products, Supplier<String> jwt) {
            return () -> AdvancedTradeProxy.subscribe("ticker", products, jwt.get());
        }

        @Override
        Optional<Supplier<String>> keepAliveSubscribe(Supplier<String> jwt) {
            return Optional.of(() -> AdvancedTradeProxy.subscribe("heartbeats", List.of(), jwt.get()));
        }
    },
    /** wss://ws-feed.exchange.coinbase.com: one subscribe message with both channels, a heartbeat per product. */
    EXCHANGE("ticker", "heartbeat") {
        @Override
        public FeedDecoder newDecoder() {
            return new ExchangeFeedAdapter();
        }

        @Override
        Supplier<String> tickerSubscribe(List<String> products, Supplier<String> jwt) {
            return () -> ExchangeFeedProxy.subscribe(products, List.of("ticker", "heartbeat"));
        }

        @Override
        Optional<Supplier<String>> keepAliveSubscribe(Supplier<String> jwt) {
            return Optional.empty(); // the ticker subscribe carries the heartbeat channel
        }
    };

    private final String tickerChannel;
    private final String keepAliveChannel;

    UpstreamProtocol(String tickerChannel, String keepAliveChannel) {
        this.tickerChannel = tickerChannel;
        this.keepAliveChannel = keepAliveChannel;
    }

    /** A decoder for one connection: decoders reuse a parser between frames, so they are not shared. */
    public abstract FeedDecoder newDecoder();

    /*
     * Subscribe messages are built when they are sent, so that a JWT (Advanced Trade with credentials) is minted fresh
     * for every message, as Coinbase requires.
     */

    /** The first message after the handshake: the ticker channel for the connection's products. */
    abstract Supplier<String> tickerSubscribe(List<String> products, Supplier<String> jwt);

    /** The keep-alive channel's own message, or empty when the ticker subscribe already carries it. */
    abstract Optional<Supplier<String>> keepAliveSubscribe(Supplier<String> jwt);

    /** True once a cumulative ack lists the ticker channel: the connection is streaming. */
    boolean tickerAcked(Map<String, List<String>> subscriptions) {
        return subscriptions.containsKey(tickerChannel);
    }

    /** True once a cumulative ack lists the keep-alive channel. */
    boolean keepAliveAcked(Map<String, List<String>> subscriptions) {
        return subscriptions.containsKey(keepAliveChannel);
    }

    String keepAliveChannel() {
        return keepAliveChannel;
    }

    /** The ticker products an ack confirms. */
    List<String> ackedProducts(Map<String, List<String>> subscriptions) {
        return subscriptions.getOrDefault(tickerChannel, List.of());
    }
}
