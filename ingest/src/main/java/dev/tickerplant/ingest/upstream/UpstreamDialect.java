package dev.tickerplant.ingest.upstream;

import dev.tickerplant.coinbase.Channels;
import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.coinbase.request.AdvancedTradeRequest;
import dev.tickerplant.coinbase.request.ExchangeRequest;
import dev.tickerplant.ingest.codec.AdvancedTradeAdapter;
import dev.tickerplant.ingest.codec.ExchangeFeedAdapter;
import dev.tickerplant.ingest.codec.FeedDecoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** How the upstream client speaks each Coinbase API: how to subscribe to tickers plus keep-alive, how to read the ack. */
abstract class UpstreamDialect {

    /** wss://advanced-trade-ws.coinbase.com: one channel per subscribe message, {@code heartbeats} once a second. */
    private static final UpstreamDialect ADVANCED_TRADE = new UpstreamDialect(Channels.TICKER, Channels.HEARTBEATS) {
        @Override
        FeedDecoder newDecoder() {
            return new AdvancedTradeAdapter();
        }

        @Override
        Supplier<String> tickerSubscribe(List<String> products, Supplier<String> jwt) {
            return () -> AdvancedTradeRequest.subscribe(Channels.TICKER, products, jwt.get()).toJson();
        }

        @Override
        Optional<Supplier<String>> keepAliveSubscribe(Supplier<String> jwt) {
            return Optional.of(() -> AdvancedTradeRequest.subscribe(Channels.HEARTBEATS, List.of(), jwt.get()).toJson());
        }
    };

    /** wss://ws-feed.exchange.coinbase.com: one subscribe message with both channels, a heartbeat per product. */
    private static final UpstreamDialect EXCHANGE = new UpstreamDialect(Channels.TICKER, Channels.HEARTBEAT) {
        @Override
        FeedDecoder newDecoder() {
            return new ExchangeFeedAdapter();
        }

        @Override
        Supplier<String> tickerSubscribe(List<String> products, Supplier<String> jwt) {
            return () -> ExchangeRequest.subscribe(products, List.of(Channels.TICKER, Channels.HEARTBEAT)).toJson();
        }

        @Override
        Optional<Supplier<String>> keepAliveSubscribe(Supplier<String> jwt) {
            return Optional.empty(); // the ticker subscribe carries the heartbeat channel
        }
    };

    private final String tickerChannel;
    private final String keepAliveChannel;

    private UpstreamDialect(String tickerChannel, String keepAliveChannel) {
        this.tickerChannel = tickerChannel;
        this.keepAliveChannel = keepAliveChannel;
    }

    static UpstreamDialect of(CoinbaseProtocol protocol) {
        return switch (protocol) {
            case ADVANCED_TRADE -> ADVANCED_TRADE;
            case EXCHANGE -> EXCHANGE;
        };
    }

    /** A decoder for one connection: decoders reuse a parser between frames, so they are not shared. */
    abstract FeedDecoder newDecoder();

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
