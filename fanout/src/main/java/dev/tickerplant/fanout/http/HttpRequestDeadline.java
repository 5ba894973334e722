package dev.tickerplant.fanout.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request does not arrive whole in time (slowloris): a request, headers and body, must be
 * complete within the timeout of the connection's opening, and a later request on a kept-alive connection within the
 * timeout of its first bytes. Bytes that keep trickling in do not extend it, which is what the plain-HTTP idle timeout
 * cannot catch. Between requests the connection is left to that idle timeout.
 *
 * <p>It sits first in the pipeline, where it sees a request's bytes start; {@link #requestEnd()} goes right after the
 * HTTP decoder, where it sees the request end. Like Netty's {@code IdleStateHandler}, the time is read from the
 * channel's event loop clock ({@code ctx.executor().ticker()}) and a check that fires early waits again for what is
 * left, so one scheduled check serves any number of requests.
 */
public final class HttpRequestDeadline extends ChannelInboundHandlerAdapter {
    public static final String NAME = "http-request-deadline";
    public static final String END_NAME = "http-request-end";

    private final long timeoutNanos;
    private final Runnable onExpiry;
    private ChannelHandlerContext ctx;
    private Ticker clock;
    private boolean initialized;
    /** A request is on its way: its first bytes (or the connection) came at {@link #startNanos}. */
    private boolean waiting;
    private long startNanos;
    private Future<?> check;

    /**
     * @param timeout  time a request has to arrive whole
     * @param onExpiry told of every connection closed for it, before the close (a counter)
     */
    public HttpRequestDeadline(Duration timeout, Runnable onExpiry) {
        this.timeoutNanos = timeout.toNanos();
        this.onExpiry = onExpiry;
    }

    /** The handler that tells this one where a request ends; it belongs right after the HTTP decoder. */
    public ChannelHandler requestEnd() {
        return new RequestEnd();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.clock = ctx.executor().ticker();
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            initialize(); // an accepted channel is active before its pipeline is built
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        initialize();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!waiting) {
            start();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    /** The first request is timed from the connection's opening: connecting and sending nothing is no escape. */
    private void initialize() {
        if (!initialized) {
            initialized = true;
            start();
        }
    }

    private void start() {
        waiting = true;
        startNanos = clock.nanoTime();
        if (check == null) {
            schedule(timeoutNanos);
        }
    }

    private void requestArrived() {
        waiting = false; // the pending check finds nothing to wait for, or a later request to wait for again
    }

    private void checkDeadline() {
        check = null;
        if (!waiting || !ctx.channel().isActive()) {
            return;
        }
        long left = timeoutNanos - (clock.nanoTime() - startNanos);
        if (left > 0) {
            schedule(left);
            return;
        }
        waiting = false;
        onExpiry.run();
        ctx.close();
    }

    private void schedule(long delayNanos) {
        check = ctx.executor().schedule(this::checkDeadline, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        waiting = false;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    /** After the HTTP decoder: a request's last part (a whole request when it has no body) ends its wait. */
    private final class RequestEnd extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof LastHttpContent) {
                requestArrived();
            }
            ctx.fireChannelRead(msg);
        }
    }
}
