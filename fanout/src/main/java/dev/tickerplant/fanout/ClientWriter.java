package dev.tickerplant.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;

/**
 * What leaves for one client, in order, and when it is flushed. Confined to the client's event loop.
 *
 * <ul>
 *   <li><b>Shared runs.</b> Consecutive ranges of one shared batch buffer ({@link #share}) grow one run; the run goes
 *   out as a single retained slice of that buffer, so ticks are never copied per client and a batch costs a client
 *   one outbound entry however many of its ticks it wanted.</li>
 *   <li><b>Own bytes.</b> What only this client gets (a per-client envelope, replies) is appended to a staging buffer
 *   ({@link #stage}) or written as a message of its own ({@link #write}).</li>
 *   <li><b>Cork.</b> Nothing is flushed here until {@link #flush}: the loop flushes each client once per turn.</li>
 * </ul>
 * Opening a run writes the staged bytes first and staging writes the open run first, so nothing overtakes anything.
 *
 * <p>Raw buffers are written from the WebSocket frame encoder's context: they are complete frames already, so the
 * handlers behind it have nothing to do with them and the write goes straight to the transport.
 */
final class ClientWriter {
    /** Staged bytes are written once this many have gathered, and at the end of every batch. */
    static final int STAGE_LIMIT = 32 * 1024;
    /** The smallest staging buffer: one typical frame with room for a second. */
    private static final int STAGE_MIN = 1024;
    /** Staging buffers up to this size are kept for reuse; larger ones go back to the pool. */
    private static final int SPARE_LIMIT = 4 * 1024;

    private final ChannelHandlerContext out;
    private final ChannelPromise voidPromise;

    private ByteBuf runBuffer;
    private int runStart;
    private int runEnd;
    /** This client's own bytes since the last write. */
    private ByteBuf staged;
    /**
     * The last staging buffer written, with one reference of ours: once the socket has taken its bytes (the channel
     * released its reference) it is cleared and staged into again, so a per-client envelope costs the pool nothing.
     */
    private ByteBuf spare;
    /** Something was written since the last flush. */
    private boolean unflushed;

    ClientWriter(ChannelHandlerContext ctx) {
        ChannelHandlerContext encoder = ctx.pipeline().context(WebSocketFrameEncoder.class);
        this.out = encoder != null ? encoder : ctx;
        // Failed writes of a closing channel need no report: the close itself is handled by the session.
        this.voidPromise = new VoidChannelPromise(ctx.channel(), false);
    }

    /** Appends {@code [start, end)} of a shared buffer; it must stay alive until the run is written (this batch). */
    void share(ByteBuf buffer, int start, int end) {
        if (runBuffer == buffer && runEnd == start) {
            runEnd = end;
            return;
        }
        writeRun();
        writeStaged();
        runBuffer = buffer;
        runStart = start;
        runEnd = end;
    }

    /** The staging buffer to append this client's own bytes to (after whatever was shared before them). */
    ByteBuf stage(int sizeHint) {
        writeRun();
        if (staged == null) {
            staged = newStage(sizeHint);
        }
        return staged;
    }

    /** Writes the staged bytes once they passed {@link #STAGE_LIMIT}. */
    void stagedMayBeFull() {
        if (staged != null && staged.readableBytes() >= STAGE_LIMIT) {
            writeStaged();
        }
    }

    /** Writes a message of this client's own (a complete frame or frames) after everything before it; takes it. */
    void write(ByteBuf frames) {
        writePending();
        out.write(frames, voidPromise);
        unflushed = true;
    }

    /** Hands the open run and the staged bytes to the channel, without flushing. */
    void writePending() {
        writeRun();
        writeStaged();
    }

    boolean hasPending() {
        return runBuffer != null || staged != null || unflushed;
    }

    /** Writes what is pending and flushes, when anything was written since the last flush; true when it flushed. */
    boolean flush() {
        writePending();
        if (unflushed) {
            unflushed = false;
            out.flush();
            return true;
        }
        return false;
    }

    /** Drops what is pending (the client is closing): the shared buffers are not ours, our own bytes are. */
    void release() {
        runBuffer = null;
        if (staged != null) {
            staged.release();
            staged = null;
        }
        if (spare != null) {
            spare.release();
            spare = null;
        }
    }

    private void writeRun() {
        if (runBuffer != null) {
            ByteBuf slice = runBuffer.retainedSlice(runStart, runEnd - runStart);
            runBuffer = null;
            out.write(slice, voidPromise);
            unflushed = true;
        }
    }

    private void writeStaged() {
        if (staged != null) {
            ByteBuf buffer = staged;
            staged = null;
            if (spare == null && buffer.capacity() <= SPARE_LIMIT) {
                spare = buffer.retain();
            }
            out.write(buffer, voidPromise);
            unflushed = true;
        }
    }

    private ByteBuf newStage(int sizeHint) {
        int wanted = Math.max(STAGE_MIN, Math.min(STAGE_LIMIT, sizeHint));
        ByteBuf reusable = spare;
        if (reusable != null && reusable.refCnt() == 1) { // written: only our reference is left
            spare = null;
            if (reusable.capacity() >= wanted) {
                return reusable.clear();
            }
            reusable.release();
        }
        return out.alloc().directBuffer(wanted);
    }
}
