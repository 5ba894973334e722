package dev.tickerplant.sim.feed;

import dev.tickerplant.coinbase.Channels;
import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.coinbase.request.ExchangeRequest;
import dev.tickerplant.coinbase.request.RequestException;
import dev.tickerplant.sim.market.Product;
import dev.tickerplant.sim.market.ProductType;
import dev.tickerplant.sim.market.Tick;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Exchange feed protocol on one connection (protocol reference B.2–B.8).
 *
 * <p>Many channels per message, as names (using the top-level {@code product_ids}) or objects with their own ids.
 * A request with any invalid part fails whole with {@code Failed to subscribe} and a reason, and changes nothing.
 * {@code ticker_batch} is acked as {@code ticker_1000}. After a subscribe the cumulative ack comes first, then one
 * ticker per newly subscribed product (its last trade), then a ticker per trade; heartbeats come once per interval per
 * product.
 */
final class ExchangeSession extends FeedSession {

    static final String TICKER = Channels.TICKER;
    static final String TICKER_1000 = "ticker_1000";
    static final String HEARTBEAT = Channels.HEARTBEAT;
    static final String STATUS = Channels.STATUS;
    static final String FAILED_TO_SUBSCRIBE = "Failed to subscribe";
    static final String FAILED_TO_UNSUBSCRIBE = "Failed to unsubscribe";
    static final String AUTHENTICATION_REQUIRED = "level2, level3, and full channels now require authentication. "
            + "https://docs.cloud.coinbase.com/exchange/docs/websocket-auth";
    /** Requested channel name → the name the ack uses. Only ticker, ticker_1000 and heartbeat produce frames here. */
    private static final Map<String, String> ACK_NAMES = Map.of(
            TICKER, TICKER,
            "ticker_batch", TICKER_1000,
            TICKER_1000, TICKER_1000,
            HEARTBEAT, HEARTBEAT,
            STATUS, STATUS,
            "matches", "matches",
            "level2_batch", "level2_batch",
            "level2_50", "level2_batch");
    private static final Set<String> AUTHENTICATED_CHANNELS = Set.of("level2", "level3", "full", "user", "balance");

    private final Map<String, LinkedHashSet<String>> channels = new LinkedHashMap<>();
    private final EmissionMarks lastTickerEmission;
    private final EmissionMarks lastBatchEmission;
    private ProductSet tickerSources = ProductSet.EMPTY;
    private ProductSet batchSources = ProductSet.EMPTY;
    private ProductSet heartbeatSources = ProductSet.EMPTY;

    ExchangeSession(long id, FeedContext context, InetSocketAddress remote) {
        super(id, CoinbaseProtocol.EXCHANGE, context, remote);
        this.lastTickerEmission = new EmissionMarks(context.catalog().size());
        this.lastBatchEmission = new EmissionMarks(context.catalog().size());
    }

    @Override
    void onText(String text) {
        ExchangeRequest request;
        try {
            request = ExchangeRequest.parse(text);
        } catch (RequestException e) {
            sendControl(() -> frames().error("Malformed JSON", e.getMessage()));
            flush();
            return;
        }
        if (!admitSubscribeMessage()) {
            return;
        }
        boolean subscribe = request.subscribe();
        if (!subscribe && !request.unsubscribe()) {
            sendControl(() -> frames().error(FAILED_TO_SUBSCRIBE,
                    "type " + request.type() + " is not valid (expected: subscribe or unsubscribe)"));
            flush();
            return;
        }
        Map<String, List<String>> plan = new LinkedHashMap<>();
        String failure = plan(request, subscribe, plan);
        if (failure != null) {
            sendControl(() -> frames().error(subscribe ? FAILED_TO_SUBSCRIBE : FAILED_TO_UNSUBSCRIBE, failure));
            flush();
            return;
        }
        if (subscribe) {
            markSubscribed();
            plan.forEach((channel, ids) -> channels.computeIfAbsent(channel, c -> new LinkedHashSet<>()).addAll(ids));
        } else {
            plan.forEach(this::remove);
        }
        ProductSet previousTicker = tickerSources;
        ProductSet previousBatch = batchSources;
        republish();
        sendAck(this::writeAck);
        sendLastTrades(tickerSources.minus(previousTicker), lastTickerEmission);
        sendLastTrades(batchSources.minus(previousBatch), lastBatchEmission);
        flush();
    }

    /**
     * Validates the request into channel → product ids; returns the error reason, or null when valid.
     * The reasons are the ones the live feed sends (protocol reference B.5).
     */
    private String plan(ExchangeRequest request, boolean subscribe, Map<String, List<String>> plan) {
        if (request.channels().isEmpty()) {
            return "No channels provided";
        }
        for (ExchangeRequest.Channel channel : request.channels()) {
            if (AUTHENTICATED_CHANNELS.contains(channel.name())) {
                return AUTHENTICATION_REQUIRED;
            }
            String ackName = ACK_NAMES.get(channel.name());
            if (ackName == null) {
                return channel.name() + " is not a valid channel";
            }
            List<String> ids;
            if (channel.productIds() == null) {
                ids = request.productIds();
            } else if (channel.productIds().isEmpty() && !request.productIds().isEmpty()) {
                // Since late 2023 the feed rejects this mix with an empty product name in the reason.
                return " is not a valid product";
            } else {
                ids = channel.productIds();
            }
            if (subscribe) {
                if (ids.isEmpty() && !ackName.equals(STATUS)) {
                    return "You need to specify at least one product ID for channel " + channel.name();
                }
                for (String id : ids) {
                    Optional<Product> product = context.catalog().find(id);
                    if (product.isEmpty() || product.get().type() != ProductType.SPOT) {
                        return id + " is not a valid product";
                    }
                    if (!product.get().flags().online()) {
                        return id + " is delisted";
                    }
                }
            }
            plan.computeIfAbsent(ackName, c -> new ArrayList<>()).addAll(ackName.equals(STATUS) ? List.of() : ids);
        }
        return null;
    }

    /** Unsubscribing without product ids removes the whole channel. */
    private void remove(String channel, List<String> ids) {
        LinkedHashSet<String> subscribed = channels.get(channel);
        if (subscribed == null) {
            return;
        }
        if (ids.isEmpty()) {
            channels.remove(channel);
        } else {
            ids.forEach(subscribed::remove);
            if (subscribed.isEmpty() && !channel.equals(STATUS)) {
                channels.remove(channel);
            }
        }
    }

    private void republish() {
        Map<String, List<String>> view = new LinkedHashMap<>();
        List<Integer> carried = new ArrayList<>();
        channels.forEach((channel, ids) -> {
            view.put(channel, List.copyOf(ids));
            carried.addAll(sources(ids));
        });
        tickerSources = ProductSet.of(sources(channels.get(TICKER)));
        batchSources = ProductSet.of(sources(channels.get(TICKER_1000)));
        heartbeatSources = ProductSet.of(sources(channels.get(HEARTBEAT)));
        publish(Map.copyOf(view), ProductSet.of(carried), tickerSources, !heartbeatSources.isEmpty(),
                !batchSources.isEmpty());
    }

    private List<Integer> sources(Set<String> ids) {
        List<Integer> indices = new ArrayList<>();
        if (ids != null) {
            for (String id : ids) {
                indices.add(context.catalog().require(id).dataSourceIndex());
            }
        }
        return indices;
    }

    /** Right after subscribing, one ticker per product describing its last trade, however old. */
    private void sendLastTrades(ProductSet added, EmissionMarks lastEmission) {
        added.forEach(source -> {
            Tick latest = context.latest().ofIndex(source);
            lastEmission.set(source, latest.emission());
            sendControl(() -> frames().ticker(latest));
        });
    }

    private void writeAck() {
        Map<String, List<String>> acked = new LinkedHashMap<>();
        channels.forEach((channel, ids) -> acked.put(channel, List.copyOf(ids)));
        sendControl(() -> frames().subscriptions(acked));
    }

    @Override
    void deliver(List<Tick> batch) {
        for (Tick tick : batch) {
            int source = tick.product().index();
            if (tickerSources.contains(source) && tick.emission() > lastTickerEmission.get(source)) {
                lastTickerEmission.set(source, tick.emission());
                sendData(() -> frames().ticker(tick));
            }
        }
        flush();
    }

    @Override
    void onBatchTimer() {
        batchSources.forEach(source -> {
            Tick latest = context.latest().ofIndex(source);
            if (latest.emission() > lastBatchEmission.get(source)) {
                lastBatchEmission.set(source, latest.emission());
                sendData(() -> frames().ticker(latest));
            }
        });
        flush();
    }

    @Override
    void onHeartbeat(Heartbeat beat) {
        heartbeatSources.forEach(source -> {
            Tick latest = context.latest().ofIndex(source);
            sendControl(() -> frames().heartbeat(latest, beat.wallTime()));
        });
        flush();
    }

    @Override
    ByteBuf errorFrame(String message) {
        return frames().error(message, null);
    }

    @Override
    ByteBuf malformedFrame() {
        return frames().malformed();
    }

    private ExchangeFrames frames() {
        return context.exchangeFrames();
    }
}
