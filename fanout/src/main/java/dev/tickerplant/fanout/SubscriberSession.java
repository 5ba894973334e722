package dev.tickerplant.fanout;

import dev.tickerplant.fanout.protocol.Channel;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.ServerMessages;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.ring.ProductEntry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One downstream client: what it subscribed to, what it was sent, and its slow-consumer and idle state. Everything
 * here runs on the client's event loop, which is also the loop that dispatches ticks to it, so none of it needs a
 * lock; the figures other threads read ({@link #view()}) are published through volatile fields once per batch.
 *
 * <p>A tick reaches the socket as a copy of the bytes of the frame the ring consumer encoded once: a batch's frames for
 * one client are copied back to back into one pooled buffer and written and flushed once (or, while more batches wait
 * for this loop, left staged for the last of them; every other write on this client writes the staged bytes first, so
 * nothing overtakes a tick). While the channel is not writable, only the newest frame per product is kept (each
 * replaced one counts as dropped); they are written, oldest first, as soon as it is writable again.
 *
 * <p>The Coinbase-compatible endpoints' clients are sessions too, with their own {@link TickEncoding} and, for
 * Advanced Trade, a {@link TickFraming} that writes the client's envelope around the shared ticker object: the same
 * limits, conflation, slow-client close and figures as native clients.
 */
final class SubscriberSession {
    private static final Logger log = LoggerFactory.getLogger(SubscriberSession.class);
    /** How long a closing handshake may take before the connection is simply dropped. */
    static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Frames staged for one client are written once this many bytes have gathered, and at the end of a batch. */
    static final int STAGE_LIMIT = 32 * 1024;
    /** The smallest staging buffer: one typical frame with room for a second. */
    private static final int STAGE_MIN = 1024;
    /** Staging buffers up to this size are kept for reuse; larger ones (a backlog written at once) go back to the pool. */
    private static final int SPARE_LIMIT = 4 * 1024;

    final String id;
    final String remoteAddress;
    final String userAgent;
    /** {@code native}, {@code advanced-trade} or {@code exchange}, as {@code /api/connections} reports it. */
    final String protocol;
    final TickEncoding encoding;
    final long connectedAtEpochMillis;
    final long connectedNanos;
    final ProductFilter ticker = new ProductFilter();
    final ProductFilter status = new ProductFilter();
    final ProductFilter alerts = new ProductFilter();

    private final ChannelHandlerContext ctx;
    private final ChannelPromise voidPromise;
    private final ServerContext server;
    private final LoopFanout loop;
    private final ClientActivity activity;
    private final CommandBucket bucket;
    /** Null when the shared encoding is the whole frame (native, Exchange). */
    private final TickFraming framing;

    // Ticker channel state, indexed by product.
    private double allMinChangePct;
    private double[] minChangePct = new double[0];
    private double[] lastPrice = new double[0];
    private long[] snapshotSeq = new long[0];
    /** Live ticks up to this seq were replayed already. */
    private long liveFloor;

    // Conflation while unwritable, indexed by product; pendingOrder lists the products holding a frame.
    private ByteBuf[] pending = new ByteBuf[0];
    private long[] pendingSeq = new long[0];
    private int[] pendingOrder = new int[0];
    private int pendingCount;

    /** This batch's frames for this client, copied back to back; written at the end of the batch. */
    private ByteBuf staged;
    /**
     * The last staging buffer written, with one reference of ours: once the socket has taken its bytes (the channel
     * released its reference) it is cleared and staged into again, so a client that keeps up costs the pool nothing
     * per batch, and the buffer keeps the NIO view the transport made of it.
     */
    private ByteBuf spare;
    private long sent;
    private long dropped;
    private long sentInBatch;
    private long droppedInBatch;
    private boolean dirty;
    private volatile long sentVisible;
    private volatile long droppedVisible;
    private volatile List<String> subscriptionList = List.of();

    private boolean closing;
    private String closeDescription = "";
    private long unwritableSinceNanos;
    private ScheduledFuture<?> slowCheck;
    private ScheduledFuture<?> idleCheck;
    private ScheduledFuture<?> heartbeat;

    SubscriberSession(String id, ChannelHandlerContext ctx, ServerContext server, LoopFanout loop,
                      ClientActivity activity, String userAgent) {
        this(id, ctx, server, loop, activity, userAgent, "native", TickEncoding.NATIVE, null);
    }

    SubscriberSession(String id, ChannelHandlerContext ctx, ServerContext server, LoopFanout loop,
                      ClientActivity activity, String userAgent, String protocol, TickEncoding encoding,
                      TickFraming framing) {
        this.id = id;
        this.protocol = protocol;
        this.encoding = encoding;
        this.framing = framing;
        this.ctx = ctx;
        this.server = server;
        this.loop = loop;
        this.activity = activity;
        this.userAgent = userAgent;
        this.remoteAddress = describe(ctx.channel().remoteAddress());
        this.connectedNanos = server.nanoTime.getAsLong();
        this.connectedAtEpochMillis = server.epochNanos.getAsLong() / 1_000_000;
        // Failed writes of a closing channel need no report: the close itself is handled in onClosed.
        this.voidPromise = new VoidChannelPromise(ctx.channel(), false);
        this.bucket = new CommandBucket(server.options.commandsPerSecond(), connectedNanos);
    }

    /** Registers with the loop's fanout and starts the heartbeat and idle timers. On the client's loop. */
    void open() {
        loop.add(this);
        server.figures.sessions.put(id, this);
        long interval = server.options.heartbeatInterval().toNanos();
        heartbeat = ctx.executor().scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.NANOSECONDS);
        idleCheck = ctx.executor().schedule(this::checkIdle, server.options.idleTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    // ---- ticks (called by LoopFanout for every frame of a batch) ----------------------------------------------------

    /** Returns true when the frame was written or queued for this client; {@code frame} null means none for it. */
    boolean offerTicker(ByteBuf frame, int product, long seq, double price) {
        if (frame == null || closing || !ticker.matches(product) || seq <= liveFloor) {
            return false;
        }
        if (product < snapshotSeq.length && seq <= snapshotSeq[product]) {
            return false; // the snapshot this client got already carried this tick or a newer one
        }
        double minChange = ticker.contains(product) ? minChangeAt(product) : allMinChangePct;
        if (minChange > 0) {
            double last = product < lastPrice.length ? lastPrice[product] : Double.NaN;
            boolean movedEnough = Double.isNaN(last) || Double.isNaN(price)
                    || Math.abs(price - last) * 100 >= minChange * Math.abs(last);
            if (!movedEnough) {
                return false;
            }
        }
        rememberPrice(product, price);
        deliver(frame, product, seq);
        return true;
    }

    boolean offerAlert(ByteBuf frame, int product) {
        if (closing || !alerts.matches(product)) {
            return false;
        }
        stage(frame);
        sent++;
        sentInBatch++;
        return true;
    }

    boolean offerStatus(ByteBuf frame, int[] products) {
        if (closing || !wantsStatusOf(products)) {
            return false;
        }
        writeStaged();
        ctx.writeAndFlush(frame.retainedDuplicate(), voidPromise);
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
     * Publishes the figures and, when {@code flush}, writes and flushes what was staged; returns the frames taken
     * since the last call. Without {@code flush} the frames stay staged for a later batch of the same loop.
     */
    long endOfBatch(boolean flush) {
        if (flush) {
            writeStaged();
            if (dirty) {
                dirty = false;
                ctx.flush();
            }
        }
        long n = sentInBatch;
        if (n != 0 || droppedInBatch != 0) {
            server.figures.dropped.add(droppedInBatch);
            sentInBatch = 0;
            droppedInBatch = 0;
            publishFigures();
        }
        return n;
    }

    private void deliver(ByteBuf frame, int product, long seq) {
        if (pendingCount == 0 && (dirty || staged != null) && !ctx.channel().isWritable()) {
            // This batch's own frames may be what crossed the mark: hand them to the socket first, so conflation
            // reflects a client that does not read rather than the size of a batch.
            writeStaged();
            dirty = false;
            ctx.flush();
        }
        if (pendingCount > 0 || !ctx.channel().isWritable()) {
            conflate(frame, product, seq);
            return;
        }
        stageTicker(frame);
        sent++;
        sentInBatch++;
    }

    /** A ticker's frame: the shared frame itself, or this client's framing around the shared encoding. */
    private void stageTicker(ByteBuf tick) {
        if (framing == null) {
            stage(tick);
            return;
        }
        if (staged == null) {
            staged = newStage(tick.readableBytes());
        }
        framing.write(tick, staged);
        if (staged.readableBytes() >= STAGE_LIMIT) {
            writeStaged();
        }
    }

    /**
     * Copies a shared frame into this client's staging buffer. Copying ~400 bytes is cheaper than what writing a
     * {@code retainedDuplicate()} per frame costs on the NIO transport (two ByteBuffer objects and an outbound entry
     * per frame and client), and the staged buffer goes out as one write.
     */
    private void stage(ByteBuf frame) {
        int length = frame.readableBytes();
        if (staged == null) {
            staged = newStage(length);
        }
        staged.writeBytes(frame, frame.readerIndex(), length);
        if (staged.readableBytes() >= STAGE_LIMIT) {
            writeStaged();
        }
    }

    /**
     * A staging buffer sized for this batch (a buffer far larger than what a client gets per tick costs the pool a
     * fresh page per client and tick); it grows if a client's framing needs more.
     */
    private ByteBuf newStage(int firstFrame) {
        int hint = Math.max(loop.stageHint() + (loop.stageHint() >> 3), firstFrame + (firstFrame >> 1));
        int wanted = Math.max(STAGE_MIN, Math.min(STAGE_LIMIT, hint));
        ByteBuf reusable = spare;
        if (reusable != null && reusable.refCnt() == 1) { // written: only our reference is left
            spare = null;
            if (reusable.capacity() >= wanted) {
                return reusable.clear();
            }
            reusable.release();
        }
        return ctx.alloc().directBuffer(wanted);
    }

    private void writeStaged() {
        if (staged != null) {
            ByteBuf out = staged;
            staged = null;
            if (spare == null && out.capacity() <= SPARE_LIMIT) {
                spare = out.retain();
            }
            ctx.write(out, voidPromise);
            dirty = true;
        }
    }

    private void conflate(ByteBuf frame, int product, long seq) {
        if (product >= pending.length) {
            int n = Math.max(product + 1, pending.length * 2);
            pending = Arrays.copyOf(pending, n);
            pendingSeq = Arrays.copyOf(pendingSeq, n);
            pendingOrder = Arrays.copyOf(pendingOrder, n);
        }
        ByteBuf replaced = pending[product];
        if (replaced != null) {
            replaced.release();
            dropped++;
            droppedInBatch++;
            if (framing != null) {
                framing.dropped();
            }
        } else {
            pendingOrder[pendingCount++] = product;
        }
        pending[product] = frame.retain();
        pendingSeq[product] = seq;
    }

    /** Writes the conflated frames, oldest first, so the client sees the latest of each product in seq order. */
    private void drainPending() {
        if (pendingCount == 0) {
            return;
        }
        // Insertion sort by seq: at most one entry per product, and usually a handful.
        for (int i = 1; i < pendingCount; i++) {
            int product = pendingOrder[i];
            int j = i - 1;
            while (j >= 0 && pendingSeq[pendingOrder[j]] > pendingSeq[product]) {
                pendingOrder[j + 1] = pendingOrder[j];
                j--;
            }
            pendingOrder[j + 1] = product;
        }
        for (int i = 0; i < pendingCount; i++) {
            int product = pendingOrder[i];
            ByteBuf frame = pending[product];
            pending[product] = null;
            stageTicker(frame);
            frame.release();
        }
        writeStaged();
        sent += pendingCount;
        server.figures.messagesSent.add(pendingCount);
        pendingCount = 0;
        dirty = false;
        ctx.flush();
        publishFigures();
    }

    /** Drops queued frames the snapshot or replay just superseded (seq at or below {@code seq}). */
    private void discardPending(int product, long seq) {
        if (product < pending.length && pending[product] != null && pendingSeq[product] <= seq) {
            pending[product].release();
            pending[product] = null;
            int w = 0;
            for (int i = 0; i < pendingCount; i++) {
                if (pendingOrder[i] != product) {
                    pendingOrder[w++] = pendingOrder[i];
                }
            }
            pendingCount = w;
        }
    }

    private void releasePending() {
        if (staged != null) {
            staged.release();
            staged = null;
        }
        if (spare != null) {
            spare.release();
            spare = null;
        }
        for (int i = 0; i < pendingCount; i++) {
            int product = pendingOrder[i];
            pending[product].release();
            pending[product] = null;
        }
        pendingCount = 0;
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
        if (product < 0) {
            allMinChangePct = pct;
            return;
        }
        if (product >= minChangePct.length) {
            minChangePct = Arrays.copyOf(minChangePct, Math.max(product + 1, minChangePct.length * 2));
        }
        minChangePct[product] = pct;
    }

    private double minChangeAt(int product) {
        return product < minChangePct.length ? minChangePct[product] : 0;
    }

    private void rememberPrice(int product, double price) {
        if (product >= lastPrice.length) {
            int old = lastPrice.length;
            lastPrice = Arrays.copyOf(lastPrice, Math.max(product + 1, old * 2));
            Arrays.fill(lastPrice, old, lastPrice.length, Double.NaN);
        }
        lastPrice[product] = price;
    }

    /** The snapshot carried {@code seq} for this product: suppress live ticks up to it, and older queued ones. */
    void snapshotSent(int product, long seq, double price) {
        if (product >= snapshotSeq.length) {
            snapshotSeq = Arrays.copyOf(snapshotSeq, Math.max(product + 1, snapshotSeq.length * 2));
        }
        snapshotSeq[product] = Math.max(snapshotSeq[product], seq);
        rememberPrice(product, price);
        discardPending(product, seq);
    }

    /** Everything up to {@code seq} was replayed: suppress live ticks up to it, and queued ones. */
    void replayedUpTo(long seq) {
        liveFloor = Math.max(liveFloor, seq);
        for (int i = pendingCount - 1; i >= 0; i--) {
            int product = pendingOrder[i];
            discardPending(product, seq);
        }
    }

    /** Sets the list other threads read, for clients whose channels are not the native ones. */
    void subscriptionsChanged(List<String> list) {
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
    void reply(byte[] payload) {
        reply(payload, payload.length);
    }

    void reply(JsonBytes payload) {
        reply(payload.array(), payload.length());
    }

    private void reply(byte[] payload, int length) {
        if (closing) {
            return;
        }
        writeStaged();
        ctx.writeAndFlush(WebSocketFrames.text(ctx.alloc(), payload, length), voidPromise);
        sent++;
        server.figures.messagesSent.increment();
        publishFigures();
    }

    /** Writes a buffer holding {@code frames} complete frames (a replay) and flushes; takes ownership. */
    void replyFrames(ByteBuf frames, int count) {
        if (closing) {
            frames.release();
            return;
        }
        writeStaged();
        ctx.writeAndFlush(frames, voidPromise);
        sent += count;
        server.figures.messagesSent.add(count);
        publishFigures();
    }

    /** Takes a command token and returns 0, or returns how many nanos until one is available. */
    long takeCommandToken() {
        return bucket.tryTake(server.nanoTime.getAsLong());
    }

    ChannelHandlerContext ctx() {
        return ctx;
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

    boolean closing() {
        return closing;
    }

    // ---- heartbeat, idle, slow --------------------------------------------------------------------------------------

    private void heartbeat() {
        if (closing) {
            return;
        }
        if (encoding == TickEncoding.NATIVE && ctx.channel().isWritable()) {
            reply(ServerMessages.heartbeat(server.epochNanos.getAsLong(),
                    loop.lastSeq()));
        }
        writeStaged();
        ctx.writeAndFlush(new PingWebSocketFrame(), voidPromise);
    }

    private void checkIdle() {
        if (closing) {
            return;
        }
        long idleNanos = server.options.idleTimeout().toNanos();
        long silent = server.nanoTime.getAsLong() - activity.lastNanos();
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
            unwritableSinceNanos = 0;
            cancel(slowCheck);
            drainPending();
        } else if (unwritableSinceNanos == 0) {
            unwritableSinceNanos = server.nanoTime.getAsLong();
            slowCheck = ctx.executor().schedule(this::checkSlow, server.options.slowClientTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void checkSlow() {
        if (closing || unwritableSinceNanos == 0 || ctx.channel().isWritable()) {
            return;
        }
        long timeout = server.options.slowClientTimeout().toNanos();
        long unwritable = server.nanoTime.getAsLong() - unwritableSinceNanos;
        if (unwritable >= timeout) {
            server.figures.slowClientsClosed.increment();
            closeWith(CloseCodes.SLOW_CONSUMER, CloseCodes.slowConsumerReason(server.options.slowClientTimeout()));
        } else {
            slowCheck = ctx.executor().schedule(this::checkSlow, timeout - unwritable, TimeUnit.NANOSECONDS);
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
        releasePending();
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        ctx.executor().schedule(() -> ctx.channel().close(), CLOSE_GRACE_NANOS, TimeUnit.NANOSECONDS);
    }

    /** The channel closed, for whatever reason. On the client's loop. */
    void onClosed(String peerReason) {
        boolean wasClosing = closing;
        closing = true;
        stopTimers();
        releasePending();
        loop.remove(this);
        server.figures.sessions.remove(id);
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
                + TimeUnit.NANOSECONDS.toMillis(activity.lastNanos() - connectedNanos);
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
