package dev.tickerplant.sim.feed;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.sim.market.Tick;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated WebSocket connection: its life cycle, its outgoing frames and the faults injected into them.
 *
 * <p>All state is confined to the channel's event loop, except the few volatile fields that other threads read: the
 * tick pump tests {@link #offer(List)} against the published product set, timers hand over heartbeats and batch
 * ticks, and views are read by the fault API. Other threads never write to the channel; they hand work to its loop.
 *
 * <p><b>Snapshot/update hand-over.</b> On subscribe the session first publishes its new product set, then reads each
 * product's latest tick for the snapshot and remembers that tick's emission number. The pump first records a tick as
 * latest, then tests the published set. One of the two always sees the other's write, so a tick is either in the
 * snapshot or delivered afterwards, and updates at or below the snapshot's emission are skipped: no gap, no repeat.
 *
 * <p><b>Faults.</b> Data frames (ticker updates and batches) pass through drop, duplicate and swap; every frame is
 * suppressed while stalled. A dropped or stalled Advanced Trade frame still consumes its {@code sequence_num}, so the
 * client sees the gap.
 */
abstract class FeedSession extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(FeedSession.class);
    static final int SUBSCRIBE_TIMEOUT_CLOSE_CODE = 1000;
    static final String SUBSCRIBE_TIMEOUT_REASON = "subscribe timeout";
    static final String RATE_LIMIT_MESSAGE = "rate limit exceeded";

    final long id;
    final CoinbaseProtocol protocol;
    final FeedContext context;
    private final String remoteIp;
    private final String remoteAddress;
    private ChannelHandlerContext ctx;

    private volatile ConnectionState state = ConnectionState.AWAITING_SUBSCRIBE;
    private volatile boolean stalled;
    private volatile long framesSent;
    private volatile Map<String, List<String>> channelsView = Map.of();
    private volatile ProductSet carried = ProductSet.EMPTY;
    private volatile ProductSet streamed = ProductSet.EMPTY;
    private volatile boolean wantsHeartbeats;
    private volatile boolean wantsBatches;

    private boolean registered;
    private ScheduledFuture<?> subscribeDeadline;
    private int dropNext;
    private int duplicateNext;
    private boolean swapNextTwo;
    private ByteBuf heldForSwap;
    private long ackDelayMillis = -1;

    FeedSession(long id, CoinbaseProtocol protocol, FeedContext context, InetSocketAddress remote) {
        this.id = id;
        this.protocol = protocol;
        this.context = context;
        this.remoteIp = remote.getAddress().getHostAddress();
        this.remoteAddress = remoteIp + ":" + remote.getPort();
    }

    /** Handles one client text message. */
    abstract void onText(String text);

    /** Sends the ticks of {@code batch} this connection streams; runs on the event loop. */
    abstract void deliver(List<Tick> batch);

    abstract void onHeartbeat(Heartbeat beat);

    abstract void onBatchTimer();

    abstract ByteBuf errorFrame(String message);

    abstract ByteBuf malformedFrame();

    // ---- life cycle --------------------------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            registered = true;
            context.registry().add(this);
            context.counters().accepted();
            subscribeDeadline = ctx.executor().schedule(this::subscribeTimedOut,
                    context.settings().subscribeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        state = ConnectionState.CLOSED;
        if (subscribeDeadline != null) {
            subscribeDeadline.cancel(false);
        }
        if (heldForSwap != null) {
            heldForSwap.release();
            heldForSwap = null;
        }
        if (registered) {
            context.registry().remove(this);
        }
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            onText(text.text());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and aborted handshakes are routine for a fault-injecting server: no stack traces.
        log.debug("connection {} ({}) failed: {}", id, remoteAddress, cause.toString());
        ctx.close();
    }

    /** The "send a valid subscribe within N seconds" rule; the close code and reason are documented in the README. */
    private void subscribeTimedOut() {
        if (state == ConnectionState.AWAITING_SUBSCRIBE && ctx.channel().isActive()) {
            closeWith(SUBSCRIBE_TIMEOUT_CLOSE_CODE, SUBSCRIBE_TIMEOUT_REASON);
        }
    }

    final void markSubscribed() {
        if (subscribeDeadline != null) {
            subscribeDeadline.cancel(false);
        }
        state = ConnectionState.SUBSCRIBED;
    }

    /**
     * Counts a subscribe/unsubscribe message against the per-IP limit.
     *
     * @return false when the message must be ignored (limit exceeded and the action is an error frame)
     */
    final boolean admitSubscribeMessage() {
        int inWindow = context.subscribeMeter().record(remoteIp);
        if (inWindow <= context.settings().maxSubscribeMessagesPerSecond()) {
            return true;
        }
        context.counters().violation();
        if (context.settings().subscribeRateAction() == SubscribeRateAction.ERROR_FRAME) {
            sendError(RATE_LIMIT_MESSAGE);
            flush();
            return false;
        }
        return true;
    }

    /** Makes a new subscription state visible to other threads; call before reading snapshots. */
    final void publish(Map<String, List<String>> channels, ProductSet carried, ProductSet streamed,
                       boolean wantsHeartbeats, boolean wantsBatches) {
        this.channelsView = channels;
        this.carried = carried;
        this.wantsHeartbeats = wantsHeartbeats;
        this.wantsBatches = wantsBatches;
        this.streamed = streamed;
    }

    // ---- hand-offs from other threads --------------------------------------------------------------------------

    /** Called by the pump for every batch: hands it to this connection's loop if any tick concerns it. */
    final void offer(List<Tick> batch) {
        ProductSet products = streamed;
        if (products.isEmpty()) {
            return;
        }
        for (Tick tick : batch) {
            if (products.contains(tick.product().index())) {
                execute(() -> deliver(batch));
                return;
            }
        }
    }

    final void offerHeartbeat(Heartbeat beat) {
        if (wantsHeartbeats) {
            execute(() -> onHeartbeat(beat));
        }
    }

    final void offerBatchTimer() {
        if (wantsBatches) {
            execute(this::onBatchTimer);
        }
    }

    private void execute(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            // The server is shutting down; the connection goes with it.
        }
    }

    // ---- outgoing frames ---------------------------------------------------------------------------------------

    /** Writes a data frame (ticker update or batch): subject to drop, duplicate, swap and stall. */
    final void sendData(Supplier<ByteBuf> encoder) {
        if (stalled) {
            return;
        }
        if (dropNext > 0) {
            dropNext--;
            return;
        }
        ByteBuf frame = encoder.get();
        if (duplicateNext > 0) {
            duplicateNext--;
            write(frame.retainedDuplicate());
        }
        if (swapNextTwo) {
            if (heldForSwap == null) {
                heldForSwap = frame;
                return;
            }
            write(frame);
            write(heldForSwap);
            heldForSwap = null;
            swapNextTwo = false;
            return;
        }
        write(frame);
    }

    /** Writes a frame that only a stall suppresses: snapshots, acks, heartbeats, errors. */
    final void sendControl(Supplier<ByteBuf> encoder) {
        if (!stalled) {
            write(encoder.get());
        }
    }

    final void sendError(String message) {
        sendControl(() -> errorFrame(message));
    }

    /** Sends the subscriptions ack now, or later if a delayed-ack fault is armed. */
    final void sendAck(Runnable writeAck) {
        if (ackDelayMillis < 0) {
            writeAck.run();
            return;
        }
        long delay = ackDelayMillis;
        ackDelayMillis = -1;
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                writeAck.run();
                flush();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    final void flush() {
        ctx.flush();
    }

    private void write(ByteBuf frame) {
        ctx.write(new TextWebSocketFrame(frame), ctx.voidPromise());
        framesSent++;
        context.counters().frameSent();
    }

    private void closeWith(int code, String reason) {
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    // ---- faults (run on the event loop) ------------------------------------------------------------------------

    /** Aborts the TCP connection with RST: SO_LINGER 0 and no close frame (nor TLS close_notify). */
    void reset() {
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.channel().unsafe().close(ctx.channel().voidPromise());
    }

    /** Sends a close frame with {@code code} and closes, even when stalled. */
    void close(int code, String reason) {
        closeWith(code, reason);
    }

    void stall(boolean on) {
        stalled = on;
    }

    void dropNext(int frames) {
        dropNext = frames;
    }

    void duplicateNext(int frames) {
        duplicateNext = frames;
    }

    void swapNextTwo() {
        swapNextTwo = true;
    }

    void sendMalformed(int frames) {
        for (int i = 0; i < frames; i++) {
            sendControl(this::malformedFrame);
        }
        flush();
    }

    void injectError(String message) {
        sendError(message);
        flush();
    }

    void delayNextAck(long millis) {
        ackDelayMillis = millis;
    }

    // ---- views -------------------------------------------------------------------------------------------------

    EventExecutor executor() {
        return ctx.executor();
    }

    boolean carries(int sourceIndex) {
        return carried.contains(sourceIndex);
    }

    SimConnection view() {
        return new SimConnection(id, protocol, remoteAddress, state, stalled, channelsView, framesSent);
    }
}
