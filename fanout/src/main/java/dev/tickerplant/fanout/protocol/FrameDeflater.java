package dev.tickerplant.fanout.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Server-to-client frames compressed as permessage-deflate messages (RFC 7692) without context takeover: each message
 * is deflated on its own, so the compressed frame is valid for every client that negotiated the extension and can be
 * shared by all of them like an uncompressed one. A compressed frame has RSV1 set; a payload too small to gain, or one
 * that does not shrink, is written uncompressed (RSV1 clear), which the extension allows message by message.
 *
 * <p>One instance per thread (the ring consumer); allocation-free once its scratch arrays have grown to the largest
 * message.
 */
public final class FrameDeflater {
    /** Below this many payload bytes a message goes uncompressed: the deflate block costs more than it saves. */
    public static final int MIN_PAYLOAD = 100;
    /** zlib's default trade-off of speed for size. */
    public static final int LEVEL = 6;
    private static final int FIN = 0x80;
    private static final int RSV1 = 0x40;
    private static final int OPCODE = 0x0F;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    /** The empty stored block a sync flush ends with; RFC 7692 §7.2.1 has the sender remove it. */
    private static final int TAIL = 4;

    private final Deflater deflater = new Deflater(LEVEL, true);
    private byte[] input = new byte[1024];
    private byte[] output = new byte[1024];

    /** Appends {@code payload[offset, offset + length)} as one text frame, compressed when that pays. */
    public void appendText(byte[] payload, int offset, int length, ByteBuf out) {
        appendMessage(FIN | TEXT, payload, offset, length, out);
    }

    /**
     * Appends the complete server frames in {@code [index, index + length)} of {@code frames}, each unfragmented text
     * or binary frame compressed on its own when that pays and any other frame copied as it is.
     */
    public void appendFrames(ByteBuf frames, int index, int length, ByteBuf out) {
        int end = index + length;
        int at = index;
        while (at < end) {
            int first = frames.getUnsignedByte(at);
            int second = frames.getUnsignedByte(at + 1);
            int lengthCode = second & 0x7F;
            int header = lengthCode < 126 ? 2 : lengthCode == 126 ? 4 : 10;
            long payloadLength = lengthCode < 126 ? lengthCode
                    : lengthCode == 126 ? frames.getUnsignedShort(at + 2) : frames.getLong(at + 2);
            int frameEnd = (int) (at + header + payloadLength);
            int opcode = first & OPCODE;
            boolean whole = (first & FIN) != 0 && (first & 0x70) == 0 && (second & 0x80) == 0;
            if (whole && (opcode == TEXT || opcode == BINARY)) {
                int n = (int) payloadLength;
                if (input.length < n) {
                    input = Arrays.copyOf(input, Integer.highestOneBit(n) << 1);
                }
                frames.getBytes(at + header, input, 0, n);
                appendMessage(first, input, 0, n, out);
            } else {
                out.writeBytes(frames, at, frameEnd - at);
            }
            at = frameEnd;
        }
    }

    private void appendMessage(int firstByte, byte[] payload, int offset, int length, ByteBuf out) {
        int compressed = length < MIN_PAYLOAD ? -1 : deflate(payload, offset, length);
        if (compressed < 0 || compressed >= length) {
            WebSocketFrames.writeHeader(out, firstByte, length);
            out.writeBytes(payload, offset, length);
            return;
        }
        WebSocketFrames.writeHeader(out, firstByte | RSV1, compressed);
        out.writeBytes(output, 0, compressed);
    }

    /** Deflates into {@link #output}; returns the length without the sync-flush tail. */
    private int deflate(byte[] payload, int offset, int length) {
        deflater.reset();
        deflater.setInput(payload, offset, length);
        int produced = 0;
        while (true) {
            produced += deflater.deflate(output, produced, output.length - produced, Deflater.SYNC_FLUSH);
            if (produced < output.length) {
                break; // the flush completed within the room it had
            }
            output = Arrays.copyOf(output, output.length * 2);
        }
        return produced - TAIL;
    }
}
