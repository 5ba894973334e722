package dev.tickerplant.compat;

import dev.tickerplant.coinbase.Channels;
import dev.tickerplant.coinbase.message.AdvancedTradeMessages;
import dev.tickerplant.coinbase.request.AdvancedTradeRequest;
import dev.tickerplant.coinbase.request.RequestException;
import dev.tickerplant.fanout.EndpointSession;
import dev.tickerplant.fanout.ProductFilter;
import dev.tickerplant.fanout.TickFraming;
import dev.tickerplant.compat.AdvancedTradeJson.Tickers;
import dev.tickerplant.fanout.protocol.Decimals;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.Timestamps;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.ProductEntry;
import dev.tickerplant.ingest.ring.TickerSnapshot;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of {@code /coinbase/advanced-trade} (protocol reference A.3–A.10): one channel per subscribe, a snapshot
 * per product then updates, the cumulative {@code subscriptions} ack, {@code heartbeats} once a second,
 * {@code ticker_batch} every five seconds for the products that changed, and one {@code sequence_num} counter over
 * every message of the connection. Unknown products are left out of the ack; an unknown channel, or a bad token when
 * the operator configured JWT verification, gets {@code authentication failure}.
 *
 * <p>The ticker channel is the session's {@code ticker} filter, so live ticks reach this client through the loop's
 * dispatch like anyone's; this class writes their envelope ({@link TickFraming}) around the ticker object the ring
 * consumer encoded once ({@link AdvancedTradeEncoding}). A tick conflated away for a slow client still takes its
 * {@code sequence_num}: the client sees the gap, which Coinbase's rule reads as "dropped".
 */
final class AdvancedTradeEndpoint extends CompatEndpoint implements TickFraming {
    static final String AUTHENTICATION_FAILURE = "authentication failure";
    private static final Logger log = LoggerFactory.getLogger(AdvancedTradeEndpoint.class);
    private static final String TICKER = Channels.TICKER;
    private static final String TICKER_BATCH = Channels.TICKER_BATCH;
    private static final String HEARTBEATS = Channels.HEARTBEATS;
    /** Coinbase channels that exist but that tickerplant does not carry: a precise error rather than a fake one. */
    private static final Set<String> NOT_SERVED = Set.of("level2", "market_trades", "candles", "status", "user",
            "futures_balance_summary");

    private final AdvancedTradeLoop loop;
    private final JsonBytes scratch = new JsonBytes(128);
    private final ProductFilter batch = new ProductFilter();
    private long[] batchSentSeq = new long[0];
    private ByteBuf[] batchTickers = new ByteBuf[16];
    private long nextSequenceNum;
    private boolean heartbeats;
    private long heartbeatCounter;
    private boolean heartbeatTimer;
    private boolean batchTimer;

    AdvancedTradeEndpoint(EndpointSession session, CompatOptions options, AdvancedTradeLoop loop) {
        super(session, options);
        this.loop = loop;
    }

    // ---- ticks ------------------------------------------------------------------------------------------------------

    @Override
    public TickFraming framing() {
        return this;
    }

    @Override
    public void write(ByteBuf source, int index, int length, ByteBuf out) {
        AdvancedTradeJson.writeFrame(out, Tickers.TICKER_UPDATE, session.epochNanos(), nextSequenceNum++,
                source, index, length, scratch);
    }

    @Override
    public void dropped() {
        nextSequenceNum++;
    }

    // ---- requests ---------------------------------------------------------------------------------------------------

    @Override
    void handle(byte[] text) {
        AdvancedTradeRequest request;
        try {
            request = AdvancedTradeRequest.parse(text, 0, text.length);
        } catch (RequestException e) {
            fail("malformed request: " + parserSays(e));
            return;
        }
        if (!authenticated(request)) {
            fail(AUTHENTICATION_FAILURE);
            return;
        }
        String channel = request.channel();
        if (channel != null && NOT_SERVED.contains(channel)) {
            fail("channel " + channel + " is not served by tickerplant: expected ticker, ticker_batch or heartbeats");
            return;
        }
        if (!TICKER.equals(channel) && !TICKER_BATCH.equals(channel) && !HEARTBEATS.equals(channel)) {
            fail(AUTHENTICATION_FAILURE); // what Coinbase answers for a channel name it does not know
            return;
        }
        if (request.subscribe()) {
            subscribe(channel, request.productIds());
        } else {
            unsubscribe(channel, request.productIds());
        }
    }

    private boolean authenticated(AdvancedTradeRequest request) {
        if (options.jwtVerifier().isEmpty()) {
            return true;
        }
        JwtVerifier verifier = options.jwtVerifier().get();
        if (request.jwt() == null) {
            log.debug("client {}: {} without jwt refused", session.id(),
                    request.subscribe() ? "subscribe" : "unsubscribe");
            return false;
        }
        try {
            verifier.verify(request.jwt());
            return true;
        } catch (RequestException e) {
            log.debug("client {}: {}", session.id(), parserSays(e));
            return false;
        }
    }

    private void subscribe(String channel, List<String> ids) {
        if (channel.equals(HEARTBEATS)) {
            if (!heartbeats && !withinLimit(subscriptionCount(), 1)) {
                return;
            }
            heartbeats = true;
            if (!heartbeatTimer) {
                heartbeatTimer = true;
                every(options.heartbeatInterval(), this::heartbeat);
            }
            ack();
            return;
        }
        ProductFilter filter = channel.equals(TICKER) ? session.ticker() : batch;
        int[] added = newProducts(filter, ids);
        if (!withinLimit(subscriptionCount(), added.length)) {
            return;
        }
        for (int p : added) {
            filter.add(p);
        }
        for (int p : added) {
            snapshot(channel, p);
        }
        if (channel.equals(TICKER_BATCH) && !batchTimer) {
            batchTimer = true;
            every(options.tickerBatchInterval(), this::tickerBatch);
        }
        ack();
    }

    private void unsubscribe(String channel, List<String> ids) {
        if (channel.equals(HEARTBEATS)) {
            heartbeats = false;
        } else {
            ProductFilter filter = channel.equals(TICKER) ? session.ticker() : batch;
            if (ids == null || ids.isEmpty()) {
                filter.clear();
            } else {
                for (String id : ids) {
                    ProductEntry entry = product(id);
                    if (entry != null) {
                        filter.remove(entry.index());
                    }
                }
            }
        }
        ack();
    }

    /** The followed products among {@code ids} not yet in {@code filter}, distinct; unknown ids are left out. */
    private int[] newProducts(ProductFilter filter, List<String> ids) {
        if (ids == null) {
            return new int[0];
        }
        return ids.stream().map(this::product).filter(e -> e != null && !filter.contains(e.index()))
                .mapToInt(ProductEntry::index).distinct().toArray();
    }

    private int subscriptionCount() {
        return session.ticker().size() + batch.size() + (heartbeats ? 1 : 0);
    }

    /** The product's latest ticker as a {@code snapshot} message of the channel, when it has had one. */
    private void snapshot(String channel, int product) {
        TickerSnapshot latest = latest(product);
        if (latest == null) {
            return;
        }
        json.reset();
        AdvancedTradeJson.writeTicker(json, latest.ticker);
        ByteBuf frame = session.ctx().alloc().directBuffer(json.length() + 256);
        AdvancedTradeJson.writeFrame(frame, channel.equals(TICKER) ? Tickers.TICKER_SNAPSHOT : Tickers.BATCH_SNAPSHOT,
                session.epochNanos(), nextSequenceNum++, Unpooled.wrappedBuffer(json.array(), 0,
                        json.length()), scratch);
        session.replyFrames(frame, 1);
        if (channel.equals(TICKER)) {
            session.snapshotSent(product, latest.globalSeq, Decimals.parse(latest.ticker.field(TickField.PRICE)));
        } else {
            ensureBatchSeq(product);
            batchSentSeq[product] = Math.max(batchSentSeq[product], latest.globalSeq);
        }
    }

    private void ack() {
        Map<String, List<String>> channels = new LinkedHashMap<>();
        List<String> view = new ArrayList<>();
        List<ProductEntry> products = session.market().products();
        for (String channel : List.of(TICKER, TICKER_BATCH)) {
            List<String> ids = new ArrayList<>();
            (channel.equals(TICKER) ? session.ticker() : batch).forEachListed(p -> ids.add(products.get(p).id()));
            if (!ids.isEmpty()) {
                channels.put(channel, ids);
                ids.forEach(id -> view.add(channel + ":" + id));
            }
        }
        if (heartbeats) {
            channels.put(HEARTBEATS, List.of(HEARTBEATS));
            view.add(HEARTBEATS);
        }
        session.subscriptionsChanged(view);
        session.reply(AdvancedTradeMessages.subscriptions(Timestamps.format(session.epochNanos()), nextSequenceNum++,
                channels));
    }

    @Override
    void fail(String message) {
        countError();
        session.reply(AdvancedTradeMessages.error(message));
    }

    // ---- periodic messages ------------------------------------------------------------------------------------------

    /** One {@code heartbeats} message; one that a slow client cannot take counts as dropped (a sequence gap). */
    private void heartbeat() {
        if (!heartbeats) {
            return;
        }
        long counter = ++heartbeatCounter;
        long sequenceNum = nextSequenceNum++;
        if (!session.ctx().channel().isWritable()) {
            return;
        }
        json.reset();
        AdvancedTradeJson.heartbeats(json, session.epochNanos(), sequenceNum, counter, session.uptimeNanos());
        session.reply(json);
    }

    /**
     * The latest ticker of every {@code ticker_batch} product that changed since this client's last batch, in one
     * message. A slow client skips a round and gets the then latest ones in the next.
     */
    private void tickerBatch() {
        if (batch.isEmpty() || !session.ctx().channel().isWritable()) {
            return;
        }
        int[] count = {0};
        batch.forEachListed(p -> {
            ByteBuf ticker = loop.ticker(p);
            long seq = loop.tickerSeq(p);
            ensureBatchSeq(p);
            if (ticker != null && seq > batchSentSeq[p]) {
                batchSentSeq[p] = seq;
                if (count[0] == batchTickers.length) {
                    batchTickers = Arrays.copyOf(batchTickers, count[0] * 2);
                }
                batchTickers[count[0]++] = ticker;
            }
        });
        if (count[0] == 0) {
            return;
        }
        ByteBuf frame = session.ctx().alloc().directBuffer();
        AdvancedTradeJson.writeFrame(frame, Tickers.BATCH_UPDATE, session.epochNanos(), nextSequenceNum++,
                batchTickers, count[0], scratch);
        Arrays.fill(batchTickers, 0, count[0], null);
        session.replyFrames(frame, 1);
    }

    private void ensureBatchSeq(int product) {
        if (product >= batchSentSeq.length) {
            batchSentSeq = Arrays.copyOf(batchSentSeq, Math.max(product + 1, batchSentSeq.length * 2));
        }
    }
}
