package dev.tickerplant.fanout.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Complete server-to-client WebSocket text frames (RFC 6455 §5.2: FIN + opcode 1, unmasked, minimal length
 * encoding). A frame built here is written as a raw {@link ByteBuf} that bypasses Netty's frame encoder, so the frames
 * of a batch, appended back to back to one buffer, can be shared by every subscriber as retained slices of it.
 */
public final class WebSocketFrames {
    private static final int FIN_TEXT = 0x81;
    private static final int LENGTH_16_BIT = 126;
    private static final int LENGTH_64_BIT = 127;

    private WebSocketFrames() {
    }

    public static int headerLength(int payloadLength) {
        if (payloadLength < LENGTH_16_BIT) {
            return 2;
        }
        return payloadLength <= 0xFFFF ? 4 : 10;
    }

    public static void writeTextHeader(ByteBuf out, int payloadLength) {
        writeHeader(out, FIN_TEXT, payloadLength);
    }

    /** A frame header with this first byte (FIN, RSV bits, opcode) and the minimal encoding of the length. */
    public static void writeHeader(ByteBuf out, int firstByte, int payloadLength) {
        out.writeByte(firstByte);
        if (payloadLength < LENGTH_16_BIT) {
            out.writeByte(payloadLength);
        } else if (payloadLength <= 0xFFFF) {
            out.writeByte(LENGTH_16_BIT);
            out.writeShort(payloadLength);
        } else {
            out.writeByte(LENGTH_64_BIT);
            out.writeLong(payloadLength);
        }
    }

    /** A pooled buffer holding one complete text frame with {@code payload[0, length)}; the caller owns it. */
    public static ByteBuf text(ByteBufAllocator alloc, byte[] payload, int length) {
        ByteBuf frame = alloc.directBuffer(headerLength(length) + length);
        writeTextHeader(frame, length);
        frame.writeBytes(payload, 0, length);
        return frame;
    }

    public static ByteBuf text(ByteBufAllocator alloc, JsonBytes payload) {
        return text(alloc, payload.array(), payload.length());
    }

    /** Appends one complete text frame to {@code out}, for replies that carry several frames in one buffer. */
    public static void appendText(ByteBuf out, byte[] payload, int offset, int length) {
        writeTextHeader(out, length);
        out.writeBytes(payload, offset, length);
    }
}
