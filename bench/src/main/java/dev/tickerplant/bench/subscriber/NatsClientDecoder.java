package dev.tickerplant.bench.subscriber;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The client side of the core NATS protocol, as much of it as a subscriber needs: splits what the server sends into
 * operations ({@code INFO}, {@code MSG}, {@code PING}, {@code PONG}, {@code +OK}, {@code -ERR}), answers {@code PING}
 * with {@code PONG} itself, and hands each message payload to its {@link Listener} in place, as a range of the
 * cumulated input (no copy, no slice object). Operation names are matched case-insensitively, as the protocol says.
 * {@code HMSG} (headers) never arrives: the subscriber's {@code CONNECT} does not offer headers.
 */
final class NatsClientDecoder extends ByteToMessageDecoder {

    /** What the decoder reports. Called on the channel's event loop. */
    interface Listener {
        /** A message on {@code sid}; its payload lies between {@code from} and {@code to} of {@code buffer}. */
        void onMessage(ChannelHandlerContext ctx, ByteBuf buffer, int from, int to);

        /** The answer to a {@code PING} this client sent. */
        void onPong(ChannelHandlerContext ctx);

        /** A {@code -ERR} line; the server usually closes the connection next. */
        void onError(ChannelHandlerContext ctx, String message);
    }

    private static final ByteBuf PONG = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("PONG\r\n", StandardCharsets.US_ASCII));
    private static final int LOWER_CASE = 0x20;

    private final Listener listener;

    NatsClientDecoder(Listener listener) {
        this.listener = listener;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int lf = in.forEachByte(start, in.writerIndex() - start, ByteProcessor.FIND_LF);
            if (lf < 0) {
                return; // the control line is not complete yet
            }
            int lineEnd = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            int op = opCode(in, start, lineEnd);
            if (op == MSG) {
                int size = trailingNumber(in, start, lineEnd);
                int payload = lf + 1;
                if (size < 0) {
                    throw new IllegalStateException("malformed MSG line: " + line(in, start, lineEnd));
                }
                if (in.writerIndex() - payload < size + 2) {
                    return; // wait for the payload and its CRLF
                }
                listener.onMessage(ctx, in, payload, payload + size);
                in.readerIndex(payload + size + 2);
                continue;
            }
            in.readerIndex(lf + 1);
            switch (op) {
                case PING -> ctx.writeAndFlush(PONG.duplicate());
                case PONG_OP -> listener.onPong(ctx);
                case ERR -> listener.onError(ctx, line(in, start, lineEnd));
                default -> {
                    // INFO, +OK and anything newer: nothing a subscriber acts on
                }
            }
        }
    }

    private static final int OTHER = 0;
    private static final int MSG = 1;
    private static final int PING = 2;
    private static final int PONG_OP = 3;
    private static final int ERR = 4;

    private static int opCode(ByteBuf in, int start, int end) {
        int length = end - start;
        if (length >= 4 && upper(in, start) == 'M' && upper(in, start + 1) == 'S' && upper(in, start + 2) == 'G'
                && isSpace(in.getByte(start + 3))) {
            return MSG;
        }
        if (length >= 4 && upper(in, start) == 'P' && upper(in, start + 2) == 'N' && upper(in, start + 3) == 'G') {
            if (upper(in, start + 1) == 'I') {
                return PING;
            }
            if (upper(in, start + 1) == 'O') {
                return PONG_OP;
            }
        }
        if (length >= 4 && in.getByte(start) == '-' && upper(in, start + 1) == 'E') {
            return ERR;
        }
        return OTHER;
    }

    /** The {@code #bytes} field that ends a {@code MSG} line, or -1. */
    static int trailingNumber(ByteBuf in, int start, int end) {
        int i = end - 1;
        while (i > start && isSpace(in.getByte(i))) {
            i--;
        }
        int value = 0;
        int scale = 1;
        int digits = 0;
        for (; i > start; i--) {
            int c = in.getByte(i) - '0';
            if (c < 0 || c > 9) {
                break;
            }
            value += c * scale;
            scale *= 10;
            digits++;
        }
        return digits == 0 || digits > 9 || !isSpace(in.getByte(i)) ? -1 : value;
    }

    private static int upper(ByteBuf in, int index) {
        return in.getByte(index) & ~LOWER_CASE;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    private static String line(ByteBuf in, int start, int end) {
        return in.toString(start, end - start, StandardCharsets.US_ASCII);
    }
}
