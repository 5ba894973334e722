package dev.tickerplant.fanout;

import dev.tickerplant.fanout.protocol.Channel;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.ServerMessages;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.ring.MarketView;
import dev.tickerplant.ingest.ring.ProductEntry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One downstream client: its lifecycle, timers and figures, around three parts of its own — the {@link TickFilter}
 * (which ticks it gets), the {@link ClientWriter} (what leaves for it, in order, flushed once per loop turn) and the
 * {@link Conflation} (what is held back while its socket is not writable). Everything here runs on the client's event
 * loop, which is also the loop that dispatches ticks to it, so none of it needs a lock; the figures other threads read
 * ({@link #view()}) are published through volatile fields once per batch.
 *
 * <p>A tick reaches the socket as part of a retained slice of the buffer the ring consumer encoded it into, shared by
 * every client of the same encoding: a client that wants every tick of a batch takes the whole buffer at once
 * ({@link #takeWholeBatch}), others take the runs of entries they want. While the channel is not writable, only the
 * newest tick per product is kept (each replaced one counts as dropped); they are written, oldest first, as soon as it
 * is writable again.
 *
 * <p>The clients of plug-in endpoints are sessions too, with their plug-in's {@link Encoding} and, when it is not
 * complete frames, a {@link TickFraming} of their own around the shared payload: the same limits, conflation,
 * slow-client close and figures as native clients. What a plug-in may do with its session is {@link EndpointSession}.
 *
 * <p><b>Timers.</b> Heartbeat, idle check, slow-client check and close grace are scheduled on the client's event loop
 * and read the time from that loop's clock ({@code ctx.executor().ticker()}), as Netty's {@code IdleStateHandler}
 * does: the clock that fires a timer is the clock its deadline is measured on, so a test drives them all by moving one
 * clock ({@code EmbeddedChannel.advanceTimeBy}). The server's injected clock is for figures and the command rate.
 */
final class SubscriberSession implements EndpointSession {
    private static final Logger log = LoggerFactory.getLogger(SubscriberSession.class);
    /** How long a closing handshake may take before the connection is simply dropped. */
    static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    final String id;
    final String remoteAddress;
    final String userAgent;
    private String requestUri = "/";
    /** {@code native} or a plug-in's protocol, as {@code /api/connections} reports it. */
    final String protocol;
    /** The number of the client's encoding in every {@link FrameBatch}: {@link FrameBatch#NATIVE} or a plug-in's. */
    final int encoding;
    /**
     * Where its ticks (and, on {@code /ws}, alerts) come from: {@link #encoding}, or its compressed twin when the
     * client agreed to permessage-deflate and takes the shared frames as they are. Set by {@link #open}.
     */
    private int sharedEncoding;
    final long connectedAtEpochMillis;
    final long connectedNanos;
    /** The client's event loop clock, which fires its timers; their deadlines are measured on it. */
    private final Ticker loopClock;
    /** When the session was made, on {@link #loopClock}: the origin of the last-activity time in {@link #view()}. */
    private final long connectedLoopNanos;
    final TickFilter tickFilter;
    final ProductFilter ticker;
    final ProductFilter status = new ProductFilter();
    final ProductFilter alerts = new ProductFilter();

    private final ChannelHandlerContext ctx;
    private final ChannelPromise voidPromise;
    private final ServerContext server;
    private final LoopFanout loop;
    private final ClientActivity activity;
    private final CommandBucket bucket;
    private final ClientWriter writer;
    private final Conflation conflation = new Conflation();
    private final Conflation.Sink drainSink = new Conflation.Sink() {
        @Override
        public void tick(ByteBuf bytes) {
            if (framing == null) {
                writer.write(bytes);
            } else {
                framing.write(bytes, bytes.readerIndex(), bytes.readableBytes(), writer.stage(bytes.readableBytes()));
                bytes.release();
            }
        }

        @Override
        public void message(ByteBuf frame) {
            writer.write(frame);
        }
    };
    /** Null when the shared encoding is the whole frame; set before {@link #open}. */
    private TickFraming framing;

    /** This batch's ticks all went as one slice ({@link #takeWholeBatch}); reset at its end. */
    boolean wholeBatch;
    /** Listed in the loop's clients touched by the current batch. */
    boolean touched;
    /** Listed in the loop's clients to flush at the end of the turn. */
    boolean awaitingFlush;
    private long sent;
    private long dropped;
    private long sentInBatch;
    private long droppedInBatch;
    private volatile long sentVisible;
    private volatile long droppedVisible;
    private volatile List<String> subscriptionList = List.of();

    private boolean closing;
    private String closeDescription = "";
    /** The channel turned unwritable and has not been writable since; {@link #unwritableSinceNanos} is when. */
    private boolean unwritable;
    private long unwritableSinceNanos;
    private ScheduledFuture<?> slowCheck;
    private ScheduledFuture<?> idleCheck;
    private ScheduledFuture<?> heartbeat;

    SubscriberSession(String id, ChannelHandlerContext ctx, ServerContext server, LoopFanout loop,
                      ClientActivity activity, String userAgent) {
        this(id, ctx, server, loop, activity, userAgent, "native", FrameBatch.NATIVE);
    }

    /** A client of a plug-in endpoint: {@code encoding} is the number of its plug-in's encoding. */
    SubscriberSession(String id, ChannelHandlerContext ctx, ServerContext server, LoopFanout loop,
                      ClientActivity activity, String userAgent, String protocol, int encoding) {
        this.id = id;
        this.protocol = protocol;
        this.encoding = encoding;
        this.sharedEncoding = encoding;
        this.ctx = ctx;
        this.server = server;
        this.loop = loop;
        this.tickFilter = new TickFilter(this::tickerProductsChanged);
        this.ticker = tickFilter.products;
        this.writer = new ClientWriter(ctx);
        this.activity = activity;
        this.userAgent = userAgent;
        this.remoteAddress = describe(ctx.channel().remoteAddress());
        this.connectedNanos = server.nanoTime.getAsLong();
        this.loopClock = ctx.executor().ticker();
        this.connectedLoopNanos = loopClock.nanoTime();
        this.connectedAtEpochMillis = server.epochNanos.getAsLong() / 1_000_000;
        // Failed writes of a closing channel need no report: the close itself is handled in onClosed.
        this.voidPromise = new VoidChannelPromise(ctx.channel(), false);
        this.bucket = new CommandBucket(server.options.commandsPerSecond(), connectedNanos);
    }

    /** How the client's ticks are framed around its encoding's shared payload; before {@link #open}. */
    void framing(TickFraming value) {
        framing = value;
    }

    /** The URI of the client's upgrade request; before the plug-in opens its client. */
    void requestUri(String value) {
        requestUri = value;
    }

    @Override
    public String requestUri() {
        return requestUri;
    }

    /**
     * Registers with the loop's fanout and starts the heartbeat and idle timers. On the client's loop. From here on the
     * ring consumer encodes ticks in this client's encoding, before any subscribe of the client can read the market.
     */
    void open() {
        sharedEncoding = framing == null && CompressionNegotiator.negotiated(ctx.channel())
                ? FrameBatch.compressed(encoding, server.endpoints.encodings()) : encoding;
        server.figures.clientsOf(encoding).incrementAndGet();
        if (sharedEncoding != encoding) {
            server.figures.clientsOf(sharedEncoding).incrementAndGet();
        }
        loop.add(this);
        server.figures.sessions.put(id, this);
        long interval = server.options.heartbeatInterval().toNanos();
        heartbeat = ctx.executor().scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.NANOSECONDS);
        idleCheck = ctx.executor().schedule(this::checkIdle, server.options.idleTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    // ---- ticks (called by LoopFanout for each batch) ---------------------------------------------------------------

    /**
     * Takes every ticker of the batch (and every alert in it) as one slice of its shared buffer, when this client wants
     * all of them and nothing is held back; returns whether it did. Called first for every client listed for all
     * products; the per-entry offers skip a client that did.
     */
    boolean takeWholeBatch(FrameBatch batch) {
        wholeBatch = false; // a dispatch that failed half-way must not leave it set for the next batch
        if (closing || framing != null || !conflation.isEmpty() || !tickFilter.acceptsEveryTickFrom(batch.firstTickerSeq)
                || !batch.wholeFor(sharedEncoding, alerts.all()) || !ctx.channel().isWritable()) {
            return false;
        }
        ByteBuf buffer = batch.buffer(sharedEncoding);
        writer.share(buffer, buffer.readerIndex(), buffer.writerIndex());
        int count = encoding == FrameBatch.NATIVE ? batch.size : batch.tickers;
        sent += count;
        sentInBatch += count;
        wholeBatch = true;
        touch();
        return true;
    }

    /** Offers entry {@code i} (a ticker); returns true when it was written or held for this client. */
    boolean offerTicker(FrameBatch batch, int i) {
        int start = batch.start(sharedEncoding, i);
        if (start < 0 || closing || !tickFilter.accepts(batch.products[i], batch.seqs[i], batch.prices[i])) {
            return false;
        }
        deliver(batch.buffer(sharedEncoding), start, batch.end(sharedEncoding, i), batch.products[i], batch.seqs[i]);
        return true;
    }

    /** Offers entry {@code i} (a volume alert, native encoding only). */
    boolean offerAlert(FrameBatch batch, int i) {
        int from = encoding == FrameBatch.NATIVE ? sharedEncoding : FrameBatch.NATIVE;
        int start = batch.start(from, i);
        if (start < 0 || closing || !alerts.matches(batch.products[i])) {
            return false;
        }
        ByteBuf buffer = batch.buffer(from);
        int end = batch.end(from, i);
        if (!conflation.isEmpty()) {
            holdMessage(batch.seqs[i], buffer, start, end - start);
        } else {
            writer.share(buffer, start, end);
        }
        sent++;
        sentInBatch++;
        touch();
        return true;
    }

    /** A status message for the clients watching any of {@code products}; {@code seq} is the last tick before it. */
    boolean offerStatus(ByteBuf frame, int[] products, long seq) {
        if (closing || !wantsStatusOf(products)) {
            return false;
        }
        if (!conflation.isEmpty()) {
            holdMessage(seq, frame, frame.readerIndex(), frame.readableBytes());
        } else {
            writer.write(frame.retainedDuplicate());
            writer.flush();
        }
        sent++;
        publishFigures();
        return true;
    }

    boolean wantsStatusOf(int[] products) {
        if (status.all()) {
            return true;
        }
        for (int p : products) {
            if (status.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The batch is over for this client: hands what it got to the channel (not flushed: the loop flushes once per
     * turn), publishes the figures and returns the messages taken since the last call.
     */
    long endOfBatch() {
        touched = false;
        wholeBatch = false;
        writer.writePending();
        long n = sentInBatch;
        if (n != 0 || droppedInBatch != 0) {
            server.figures.dropped.add(droppedInBatch);
            sentInBatch = 0;
            droppedInBatch = 0;
            publishFigures();
        }
        return n;
    }

    /** Flushes what was written since the last flush (the loop's cork); true when it flushed. */
    boolean flush() {
        return !closing && writer.flush();
    }

    private void touch() {
        if (!touched) {
            touched = true;
            loop.touched(this);
        }
    }

    private void deliver(ByteBuf buffer, int start, int end, int product, long seq) {
        touch();
        if (conflation.isEmpty() && writer.hasPending() && !ctx.channel().isWritable()) {
            // This batch's own ticks may be what crossed the mark: hand them to the socket first, so conflation
            // reflects a client that does not read rather than the size of a batch.
            writer.flush();
        }
        if (!conflation.isEmpty() || !ctx.channel().isWritable()) {
            if (conflation.hold(product, seq, buffer, start, end - start, ctx.alloc())) {
                dropped++;
                droppedInBatch++;
                if (framing != null) {
                    framing.dropped();
                }
            }
            return;
        }
        if (framing == null) {
            writer.share(buffer, start, end);
        } else {
            int length = end - start;
            int hint = Math.max(loop.stageHint() + (loop.stageHint() >> 3), length + (length >> 1));
            framing.write(buffer, start, length, writer.stage(hint));
            writer.stagedMayBeFull();
        }
        sent++;
        sentInBatch++;
    }

    private void holdMessage(long seq, ByteBuf source, int index, int length) {
        if (conflation.holdMessage(seq, source, index, length, ctx.alloc())) {
            dropped++;
            droppedInBatch++;
        }
    }

    /** Writes what was held back, oldest first, so the client sees the latest of each product in seq order. */
    private void drainHeld() {
        if (conflation.isEmpty()) {
            return;
        }
        int n = conflation.drain(drainSink);
        writer.flush();
        sent += n;
        server.figures.messagesSent.add(n);
        publishFigures();
    }

    // ---- subscriptions ----------------------------------------------------------------------------------------------

    /** Subscriptions over all channels, as counted against {@code maxSubscriptions}. */
    int subscriptionCount() {
        return ticker.size() + status.size() + alerts.size();
    }

    ProductFilter filter(Channel channel) {
        return switch (channel) {
            case TICKER -> ticker;
            case STATUS -> status;
            case ALERTS -> alerts;
        };
    }

    /** Sets the ticker min-change filter for the products of a subscribe; {@code product} -1 means "*". */
    void minChangePct(int product, double pct) {
        tickFilter.minChangePct(product, pct);
    }

    /** The snapshot carried {@code seq} for this product: suppress live ticks up to it, and older held ones. */
    @Override
    public void snapshotSent(int product, long seq, double price) {
        tickFilter.snapshotSent(product, seq, price);
        conflation.discard(product, seq);
    }

    /** Everything up to {@code seq} was replayed: suppress live ticks up to it, and held ones. */
    void replayedUpTo(long seq) {
        tickFilter.replayedUpTo(seq);
        conflation.discardUpTo(seq);
    }

    /**
     * The ticker's products changed (a command, never a tick): the loop's index follows, and a tick held back for a
     * product no longer subscribed goes, as it would never have been held after the unsubscribe.
     */
    private void tickerProductsChanged() {
        loop.subscriptionsChanged();
        conflation.discardUnless(ticker::matches);
    }

    /** Sets the list other threads read, for clients whose channels are not the native ones. */
    @Override
    public void subscriptionsChanged(List<String> list) {
        subscriptionList = List.copyOf(list);
    }

    /** Rebuilds the list other threads read, e.g. {@code ticker:BTC-USD}, {@code status:*}. Off the tick path. */
    void subscriptionsChanged() {
        List<String> list = new ArrayList<>();
        for (Map.Entry<Channel, List<String>> e : subscriptionsByChannel().entrySet()) {
            for (String productId : e.getValue()) {
                list.add(e.getKey().wireName() + ":" + productId);
            }
        }
        subscriptionList = List.copyOf(list);
    }

    Map<Channel, List<String>> subscriptionsByChannel() {
        Map<Channel, List<String>> byChannel = new EnumMap<>(Channel.class);
        List<ProductEntry> products = server.market.products();
        for (Channel channel : Channel.values()) {
            ProductFilter filter = filter(channel);
            List<String> ids = new ArrayList<>();
            if (filter.all()) {
                ids.add("*");
            }
            filter.forEachListed(index -> ids.add(index < products.size() ? products.get(index).id() : "#" + index));
            byChannel.put(channel, ids);
        }
        return byChannel;
    }

    // ---- replies ----------------------------------------------------------------------------------------------------

    /** Writes one whole message (not a tick) and flushes. */
    @Override
    public void reply(byte[] payload) {
        reply(payload, payload.length);
    }

    @Override
    public void reply(JsonBytes payload) {
        reply(payload.array(), payload.length());
    }

    private void reply(byte[] payload, int length) {
        if (closing) {
            return;
        }
        writer.write(WebSocketFrames.text(ctx.alloc(), payload, length));
        writer.flush();
        sent++;
        server.figures.messagesSent.increment();
        publishFigures();
    }

    /** Writes a buffer holding {@code frames} complete frames (a replay) and flushes; takes ownership. */
    @Override
    public void replyFrames(ByteBuf frames, int count) {
        if (closing) {
            frames.release();
            return;
        }
        writer.write(frames);
        writer.flush();
        sent += count;
        server.figures.messagesSent.add(count);
        publishFigures();
    }

    /** Takes a command token and returns 0, or returns how many nanos until one is available. */
    @Override
    public long takeCommandToken() {
        return bucket.tryTake(server.nanoTime.getAsLong());
    }

    @Override
    public void countCommandError() {
        server.figures.commandErrors.increment();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ChannelHandlerContext ctx() {
        return ctx;
    }

    @Override
    public ProductFilter ticker() {
        return ticker;
    }

    @Override
    public FanoutOptions options() {
        return server.options;
    }

    @Override
    public MarketView market() {
        return server.market;
    }

    @Override
    public long epochNanos() {
        return server.epochNanos.getAsLong();
    }

    @Override
    public long uptimeNanos() {
        return server.nanoTime.getAsLong() - server.startNanos;
    }

    long messagesSent() {
        return sent;
    }

    long dropped() {
        return dropped;
    }

    long connectedNanos() {
        return server.nanoTime.getAsLong() - connectedNanos;
    }

    @Override
    public boolean closing() {
        return closing;
    }

    // ---- heartbeat, idle, slow --------------------------------------------------------------------------------------

    private void heartbeat() {
        if (closing) {
            return;
        }
        if (encoding == FrameBatch.NATIVE && ctx.channel().isWritable()) { // plug-in protocols have their own
            reply(ServerMessages.heartbeat(server.epochNanos.getAsLong(),
                    loop.lastSeq()));
        }
        writer.writePending();
        ctx.writeAndFlush(new PingWebSocketFrame(), voidPromise);
    }

    private void checkIdle() {
        if (closing) {
            return;
        }
        long idleNanos = server.options.idleTimeout().toNanos();
        long silent = loopClock.nanoTime() - activity.lastNanos();
        if (silent >= idleNanos) {
            closeWith(CloseCodes.IDLE, "idle timeout");
        } else {
            idleCheck = ctx.executor().schedule(this::checkIdle, idleNanos - silent, TimeUnit.NANOSECONDS);
        }
    }

    void onWritabilityChanged() {
        if (closing) {
            return;
        }
        if (ctx.channel().isWritable()) {
            unwritable = false;
            cancel(slowCheck);
            drainHeld();
        } else if (!unwritable) {
            unwritable = true;
            unwritableSinceNanos = loopClock.nanoTime();
            slowCheck = ctx.executor().schedule(this::checkSlow, server.options.slowClientTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void checkSlow() {
        if (closing || !unwritable || ctx.channel().isWritable()) {
            return;
        }
        long timeout = server.options.slowClientTimeout().toNanos();
        long unwritableNanos = loopClock.nanoTime() - unwritableSinceNanos;
        if (unwritableNanos >= timeout) {
            server.figures.slowClientsClosed.increment();
            closeWith(CloseCodes.SLOW_CONSUMER, CloseCodes.slowConsumerReason(server.options.slowClientTimeout()));
        } else {
            slowCheck = ctx.executor().schedule(this::checkSlow, timeout - unwritableNanos, TimeUnit.NANOSECONDS);
        }
    }

    // ---- closing ----------------------------------------------------------------------------------------------------

    /**
     * Sends a close frame and closes once it is written; a client that does not take it within
     * {@link #CLOSE_GRACE_NANOS} (a slow one, typically) is dropped.
     */
    void closeWith(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        closeDescription = code + " " + reason;
        stopTimers();
        writer.release();
        conflation.release();
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        ctx.executor().schedule(() -> ctx.channel().close(), CLOSE_GRACE_NANOS, TimeUnit.NANOSECONDS);
    }

    /** The channel closed, for whatever reason. On the client's loop. */
    void onClosed(String peerReason) {
        boolean wasClosing = closing;
        closing = true;
        stopTimers();
        writer.release();
        conflation.release();
        loop.remove(this);
        server.figures.sessions.remove(id);
        server.figures.clientsOf(encoding).decrementAndGet();
        if (sharedEncoding != encoding) {
            server.figures.clientsOf(sharedEncoding).decrementAndGet();
        }
        server.figures.clients.decrementAndGet();
        publishFigures();
        String reason = wasClosing ? closeDescription : peerReason;
        log.info("client {} ({}) disconnected after {}: {} messages sent, {} dropped{}", id, remoteAddress,
                Durations.compact(server.nanoTime.getAsLong() - connectedNanos), sent, dropped,
                reason.isEmpty() ? "" : " (" + reason + ")");
    }

    private void stopTimers() {
        cancel(heartbeat);
        cancel(idleCheck);
        cancel(slowCheck);
    }

    // ---- figures for other threads ----------------------------------------------------------------------------------

    private void publishFigures() {
        sentVisible = sent;
        droppedVisible = dropped;
    }

    SubscriberView view() {
        long lastActivityMillis = connectedAtEpochMillis
                + TimeUnit.NANOSECONDS.toMillis(activity.lastNanos() - connectedLoopNanos);
        return new SubscriberView(id, protocol, remoteAddress, userAgent, connectedAtEpochMillis, sentVisible,
                droppedVisible, Math.max(connectedAtEpochMillis, lastActivityMillis), subscriptionList);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private static String describe(java.net.SocketAddress address) {
        if (address instanceof java.net.InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                    : inet.getHostString() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
