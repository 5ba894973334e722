package dev.tickerplant.compat;

import dev.tickerplant.coinbase.Channels;
import dev.tickerplant.coinbase.message.ExchangeMessages;
import dev.tickerplant.coinbase.request.ExchangeRequest;
import dev.tickerplant.coinbase.request.RequestException;
import dev.tickerplant.fanout.EndpointSession;
import dev.tickerplant.fanout.ProductFilter;
import dev.tickerplant.fanout.protocol.Decimals;
import dev.tickerplant.fanout.protocol.UntrustedText;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.ProductEntry;
import dev.tickerplant.ingest.ring.TickerSnapshot;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client of {@code /coinbase/exchange} (protocol reference B.2–B.5): channels as names (using the top-level
 * {@code product_ids}) or {@code {name, product_ids}} objects, many per message; a request with any invalid part fails
 * whole with {@code Failed to subscribe} and a reason, as Coinbase's does, and changes nothing. After a subscribe: the
 * cumulative ack, then one {@code ticker} per newly subscribed product (its latest), then a ticker per tick; a
 * {@code heartbeat} per subscribed product once a second. Live tickers are the frames the ring consumer encoded once
 * ({@link ExchangeEncoding}), shared by every client as they are.
 */
final class ExchangeEndpoint extends CompatEndpoint {
    private static final String TICKER = Channels.TICKER;
    private static final String HEARTBEAT = Channels.HEARTBEAT;
    private static final String FAILED_TO_SUBSCRIBE = "Failed to subscribe";
    /** Coinbase channels that exist but that tickerplant does not carry. */
    private static final Set<String> NOT_SERVED = Set.of("matches", "level2", "level2_batch", "level2_50", "level3",
            "full", "status", "ticker_batch", "ticker_1000", "user", "balance", "auctionfeed", "rfq_matches");

    private final ExchangeLoop loop;
    private final ProductFilter heartbeat = new ProductFilter();
    private boolean heartbeatTimer;

    ExchangeEndpoint(EndpointSession session, CompatOptions options, ExchangeLoop loop) {
        super(session, options);
        this.loop = loop;
    }

    @Override
    void handle(byte[] text) {
        ExchangeRequest request;
        try {
            request = ExchangeRequest.parse(text, 0, text.length).requireKnownType();
        } catch (RequestException e) {
            countError();
            session.reply(ExchangeMessages.error("Malformed JSON", parserSays(e)));
            return;
        }
        Map<String, Set<Integer>> plan = new LinkedHashMap<>();
        String failure = plan(request, plan);
        if (failure != null) {
            countError();
            session.reply(ExchangeMessages.error(request.subscribe() ? FAILED_TO_SUBSCRIBE : "Failed to unsubscribe",
                    failure));
            return;
        }
        if (request.subscribe()) {
            subscribe(plan);
        } else {
            unsubscribe(plan);
        }
    }

    /** Validates the request into channel → products; returns the reason it fails, or null. */
    private String plan(ExchangeRequest request, Map<String, Set<Integer>> plan) {
        if (request.channels().isEmpty()) {
            return request.subscribe() ? "No channels provided" : null;
        }
        for (ExchangeRequest.Channel channel : request.channels()) {
            String name = channel.name();
            if (!name.equals(TICKER) && !name.equals(HEARTBEAT)) {
                if (!request.subscribe()) {
                    continue; // nothing of it to remove: clients unsubscribe every channel they know of
                }
                return NOT_SERVED.contains(name)
                        ? name + " is not served by tickerplant: expected ticker or heartbeat"
                        : UntrustedText.shown(name) + " is not a valid channel";
            }
            List<String> ids;
            if (channel.productIds() == null) {
                ids = request.productIds();
            } else if (channel.productIds().isEmpty() && !request.productIds().isEmpty()) {
                return " is not a valid product"; // Coinbase's answer to this mix since late 2023, empty name included
            } else {
                ids = channel.productIds();
            }
            if (request.subscribe() && ids.isEmpty()) {
                return "You need to specify at least one product ID for channel " + name;
            }
            Set<Integer> products = plan.computeIfAbsent(name, c -> new LinkedHashSet<>());
            for (String id : ids) {
                ProductEntry entry = product(id);
                if (entry != null) {
                    products.add(entry.index());
                } else if (request.subscribe()) {
                    return UntrustedText.shown(id) + " is not a valid product";
                }
            }
            if (!request.subscribe() && ids.isEmpty()) {
                products.add(-1); // the whole channel
            }
        }
        return null;
    }

    private void subscribe(Map<String, Set<Integer>> plan) {
        Set<Integer> tickers = plan.getOrDefault(TICKER, Set.of());
        Set<Integer> beats = plan.getOrDefault(HEARTBEAT, Set.of());
        ProductFilter ticker = session.ticker();
        List<Integer> newTickers = tickers.stream().filter(p -> !ticker.contains(p)).toList();
        long newBeats = beats.stream().filter(p -> !heartbeat.contains(p)).count();
        if (!withinLimit(ticker.size() + heartbeat.size(), newTickers.size() + (int) newBeats)) {
            return;
        }
        newTickers.forEach(ticker::add);
        for (int p : beats) {
            if (heartbeat.add(p)) {
                seedIds(p);
            }
        }
        if (!heartbeat.isEmpty() && !heartbeatTimer) {
            heartbeatTimer = true;
            every(options.heartbeatInterval(), this::heartbeats);
        }
        ack();
        for (int p : newTickers) {
            lastTicker(p);
        }
    }

    private void unsubscribe(Map<String, Set<Integer>> plan) {
        plan.forEach((channel, products) -> {
            ProductFilter filter = channel.equals(TICKER) ? session.ticker() : heartbeat;
            if (products.contains(-1)) {
                filter.clear();
            } else {
                products.forEach(filter::remove);
            }
        });
        ack();
    }

    /** The loop knows a product's ids only from ticks dispatched since it started: take them from the market. */
    private void seedIds(int product) {
        TickerSnapshot latest = latest(product);
        if (latest != null) {
            loop.ids(product, latest.globalSeq, latest.ticker.exchangeSequence, latest.ticker.tradeId);
        }
    }

    /** Right after subscribing, the product's latest ticker, however old, as Coinbase sends its last trade. */
    private void lastTicker(int product) {
        TickerSnapshot latest = latest(product);
        if (latest == null) {
            return;
        }
        json.reset();
        ExchangeJson.writeTicker(json, latest.ticker);
        session.reply(json);
        session.snapshotSent(product, latest.globalSeq, Decimals.parse(latest.ticker.field(TickField.PRICE)));
        loop.ids(product, latest.globalSeq, latest.ticker.exchangeSequence, latest.ticker.tradeId);
    }

    private void ack() {
        Map<String, List<String>> channels = new LinkedHashMap<>();
        List<String> view = new ArrayList<>();
        List<ProductEntry> products = session.market().products();
        for (String channel : List.of(TICKER, HEARTBEAT)) {
            List<String> ids = new ArrayList<>();
            (channel.equals(TICKER) ? session.ticker() : heartbeat).forEachListed(p -> ids.add(products.get(p).id()));
            if (!ids.isEmpty()) {
                channels.put(channel, ids);
                ids.forEach(id -> view.add(channel + ":" + id));
            }
        }
        session.subscriptionsChanged(view);
        session.reply(ExchangeMessages.subscriptions(channels));
    }

    @Override
    void fail(String message) {
        countError();
        session.reply(ExchangeMessages.error(message, null));
    }

    /** One {@code heartbeat} per subscribed product, written together; skipped while the client is slow. */
    private void heartbeats() {
        if (heartbeat.isEmpty() || !session.ctx().channel().isWritable()) {
            return;
        }
        List<ProductEntry> products = session.market().products();
        long now = session.epochNanos();
        ByteBuf frames = session.ctx().alloc().directBuffer();
        int[] count = {0};
        heartbeat.forEachListed(p -> {
            json.reset();
            ExchangeJson.writeHeartbeat(json, products.get(p).id(), loop.exchangeSequence(p), loop.tradeId(p), now);
            WebSocketFrames.appendText(frames, json.array(), 0, json.length());
            count[0]++;
        });
        session.replyFrames(frames, count[0]);
    }
}
