package dev.tickerplant.sim.feed;

import static dev.tickerplant.sim.feed.AdvancedTradeFrames.HEARTBEATS;
import static dev.tickerplant.sim.feed.AdvancedTradeFrames.SNAPSHOT;
import static dev.tickerplant.sim.feed.AdvancedTradeFrames.TICKER;
import static dev.tickerplant.sim.feed.AdvancedTradeFrames.TICKER_BATCH;
import static dev.tickerplant.sim.feed.AdvancedTradeFrames.UPDATE;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.coinbase.WireTime;
import dev.tickerplant.coinbase.request.AdvancedTradeRequest;
import dev.tickerplant.coinbase.request.RequestException;
import dev.tickerplant.sim.market.Product;
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
 * The Advanced Trade market-data protocol on one connection (protocol reference A.3–A.11).
 *
 * <p>One channel per subscribe; unknown channels and invalid JWTs get {@code authentication failure} and the
 * connection stays open; unknown products are left out of the ack without an error. {@code -USDC} aliases are acked
 * under the requested id and stream the {@code -USD} book, whose id the tickers carry. {@code sequence_num} counts
 * every frame of the connection from 0, except errors and malformed frames.
 */
final class AdvancedTradeSession extends FeedSession {

    static final String AUTHENTICATION_FAILURE = "authentication failure";
    /** Channels anyone may subscribe to; only ticker, ticker_batch and heartbeats produce frames here. */
    private static final Set<String> PUBLIC_CHANNELS = Set.of(
            TICKER, TICKER_BATCH, HEARTBEATS, "status", "level2", "market_trades", "candles");
    /** Channels that need a valid JWT; accepted and acked, but the simulator has no orders to report. */
    private static final Set<String> PRIVATE_CHANNELS = Set.of("user", "futures_balance_summary");

    private final Map<String, LinkedHashSet<String>> subscriptions = new LinkedHashMap<>();
    private final EmissionMarks lastTickerEmission;
    private final EmissionMarks lastBatchEmission;
    private ProductSet tickerSources = ProductSet.EMPTY;
    private ProductSet batchSources = ProductSet.EMPTY;
    private long nextSequenceNum;

    AdvancedTradeSession(long id, FeedContext context, InetSocketAddress remote) {
        super(id, CoinbaseProtocol.ADVANCED_TRADE, context, remote);
        this.lastTickerEmission = new EmissionMarks(context.catalog().size());
        this.lastBatchEmission = new EmissionMarks(context.catalog().size());
    }

    @Override
    void onText(String text) {
        AdvancedTradeRequest request;
        try {
            request = AdvancedTradeRequest.parse(text);
        } catch (RequestException e) {
            sendError("malformed request: " + e.getMessage());
            flush();
            return;
        }
        if (!admitSubscribeMessage()) {
            return;
        }
        if (!authorised(request)) {
            sendError(AUTHENTICATION_FAILURE);
        } else if (request.subscribe()) {
            subscribe(request);
        } else {
            unsubscribe(request);
        }
        flush();
    }

    private boolean authorised(AdvancedTradeRequest request) {
        if (request.channel() == null) {
            return false;
        }
        boolean validJwt = request.jwt() != null && context.settings().jwtVerifier().test(request.jwt());
        if (request.jwt() != null && !validJwt) {
            return false;
        }
        return PUBLIC_CHANNELS.contains(request.channel()) || PRIVATE_CHANNELS.contains(request.channel()) && validJwt;
    }

    private void subscribe(AdvancedTradeRequest request) {
        markSubscribed();
        String channel = request.channel();
        if (channel.equals(HEARTBEATS)) {
            subscriptions.put(HEARTBEATS, new LinkedHashSet<>(List.of(HEARTBEATS)));
        } else {
            LinkedHashSet<String> ids = subscriptions.computeIfAbsent(channel, c -> new LinkedHashSet<>());
            if (request.productIds() != null) {
                for (String id : request.productIds()) {
                    if (subscribable(id)) {
                        ids.add(id);
                    }
                }
            }
            if (ids.isEmpty()) {
                subscriptions.remove(channel);
            }
        }
        ProductSet previousTicker = tickerSources;
        ProductSet previousBatch = batchSources;
        republish();
        sendSnapshots(TICKER, tickerSources.minus(previousTicker), lastTickerEmission, true);
        sendSnapshots(TICKER_BATCH, batchSources.minus(previousBatch), lastBatchEmission, false);
        sendAck(this::writeAck);
    }

    private void unsubscribe(AdvancedTradeRequest request) {
        String channel = request.channel();
        LinkedHashSet<String> ids = subscriptions.get(channel);
        if (ids != null) {
            if (request.productIds() == null || request.productIds().isEmpty() || channel.equals(HEARTBEATS)) {
                subscriptions.remove(channel);
            } else {
                request.productIds().forEach(ids::remove);
                if (ids.isEmpty()) {
                    subscriptions.remove(channel);
                }
            }
        }
        republish();
        sendAck(this::writeAck);
    }

    private boolean subscribable(String id) {
        Optional<Product> product = context.catalog().find(id);
        return product.isPresent() && product.get().flags().online();
    }

    private void republish() {
        Map<String, List<String>> view = new LinkedHashMap<>();
        List<Integer> carried = new ArrayList<>();
        subscriptions.forEach((channel, ids) -> {
            view.put(channel, List.copyOf(ids));
            if (!channel.equals(HEARTBEATS)) {
                carried.addAll(sources(ids));
            }
        });
        tickerSources = ProductSet.of(sources(subscriptions.getOrDefault(TICKER, new LinkedHashSet<>())));
        batchSources = ProductSet.of(sources(subscriptions.getOrDefault(TICKER_BATCH, new LinkedHashSet<>())));
        publish(Map.copyOf(view), ProductSet.of(carried), tickerSources, subscriptions.containsKey(HEARTBEATS),
                !batchSources.isEmpty());
    }

    private List<Integer> sources(Set<String> ids) {
        List<Integer> indices = new ArrayList<>(ids.size());
        for (String id : ids) {
            indices.add(context.catalog().require(id).dataSourceIndex());
        }
        return indices;
    }

    /** One snapshot frame per newly streamed product, each with its own sequence number, as the live host does. */
    private void sendSnapshots(String channel, ProductSet added, EmissionMarks lastEmission, boolean withBestBidAsk) {
        added.forEach(source -> {
            Tick latest = context.latest().ofIndex(source);
            lastEmission.set(source, latest.emission());
            long sequenceNum = nextSequenceNum++;
            sendControl(() -> frames().tickers(channel, SNAPSHOT, sequenceNum, List.of(latest), withBestBidAsk));
        });
    }

    private void writeAck() {
        Map<String, List<String>> acked = new LinkedHashMap<>();
        subscriptions.forEach((channel, ids) -> acked.put(channel, List.copyOf(ids)));
        long sequenceNum = nextSequenceNum++;
        sendControl(() -> frames().subscriptions(sequenceNum, acked));
    }

    @Override
    void deliver(List<Tick> batch) {
        for (Tick tick : batch) {
            int source = tick.product().index();
            if (tickerSources.contains(source) && tick.emission() > lastTickerEmission.get(source)) {
                lastTickerEmission.set(source, tick.emission());
                long sequenceNum = nextSequenceNum++;
                if (context.settings().intendedTimestamps()) {
                    sendData(() -> frames().tickers(TICKER, UPDATE, sequenceNum, List.of(tick), true, tick.time()));
                } else {
                    sendData(() -> frames().tickers(TICKER, UPDATE, sequenceNum, List.of(tick), true));
                }
            }
        }
        flush();
    }

    /** Every batch interval: the latest ticker of each subscribed product that changed, in one frame. */
    @Override
    void onBatchTimer() {
        List<Tick> changed = new ArrayList<>();
        batchSources.forEach(source -> {
            Tick latest = context.latest().ofIndex(source);
            if (latest.emission() > lastBatchEmission.get(source)) {
                lastBatchEmission.set(source, latest.emission());
                changed.add(latest);
            }
        });
        if (!changed.isEmpty()) {
            long sequenceNum = nextSequenceNum++;
            sendData(() -> frames().tickers(TICKER_BATCH, UPDATE, sequenceNum, changed, false));
            flush();
        }
    }

    @Override
    void onHeartbeat(Heartbeat beat) {
        if (!subscriptions.containsKey(HEARTBEATS)) {
            return;
        }
        long sequenceNum = nextSequenceNum++;
        sendControl(() -> frames().heartbeats(sequenceNum, beat.counter(), WireTime.go(beat.wallTime(), beat.uptimeNanos())));
        flush();
    }

    @Override
    ByteBuf errorFrame(String message) {
        return frames().error(message);
    }

    @Override
    ByteBuf malformedFrame() {
        return frames().malformed();
    }

    private AdvancedTradeFrames frames() {
        return context.advancedTradeFrames();
    }
}
