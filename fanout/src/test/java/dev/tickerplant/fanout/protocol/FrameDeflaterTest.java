package dev.tickerplant.fanout.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * Each message is deflated on its own (it inflates with a fresh inflater, the RFC 7692 tail given back), RSV1 marks
 * the compressed ones, and a message too small to gain goes as it is.
 */
class FrameDeflaterTest {
    private final FrameDeflater deflater = new FrameDeflater();

    @Test
    void aTickerSizedMessageIsCompressedAndInflatesOnItsOwn() throws DataFormatException {
        byte[] json = ticker(1).getBytes(StandardCharsets.UTF_8);
        ByteBuf out = Unpooled.buffer();
        deflater.appendText(json, 0, json.length, out);
        deflater.appendText(json, 0, json.length, out); // a second message: no context from the first

        for (int m = 0; m < 2; m++) {
            Frame frame = Frame.read(out);
            assertEquals(0xC1, frame.firstByte, "FIN, RSV1, text");
            assertTrue(frame.payload.length < json.length, frame.payload.length + " bytes");
            assertArrayEquals(json, inflate(frame.payload));
        }
    }

    @Test
    void aSmallMessageGoesUncompressed() {
        byte[] json = "{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8);
        ByteBuf out = Unpooled.buffer();
        deflater.appendText(json, 0, json.length, out);
        Frame frame = Frame.read(out);
        assertEquals(0x81, frame.firstByte);
        assertArrayEquals(json, frame.payload);
    }

    @Test
    void framesAreDeflatedOneByOneWhateverTheirLengthEncoding() throws DataFormatException {
        byte[] small = ticker(2).getBytes(StandardCharsets.UTF_8);
        byte[] large = ticker(700).getBytes(StandardCharsets.UTF_8); // over 64 KiB: a 64-bit length
        ByteBuf frames = Unpooled.buffer();
        WebSocketFrames.appendText(frames, small, 0, small.length);
        WebSocketFrames.appendText(frames, large, 0, large.length);
        assertEquals(127, frames.getUnsignedByte(4 + small.length + 1), "the large one has a 64-bit length");
        ByteBuf out = Unpooled.buffer();
        deflater.appendFrames(frames, 0, frames.readableBytes(), out);

        Frame first = Frame.read(out);
        Frame second = Frame.read(out);
        assertFalse(out.isReadable());
        assertEquals(0xC1, first.firstByte);
        assertEquals(0xC1, second.firstByte);
        assertArrayEquals(small, inflate(first.payload));
        assertArrayEquals(large, inflate(second.payload));
    }

    private static String ticker(int repeats) {
        StringBuilder s = new StringBuilder("{\"type\":\"ticker\",\"items\":[");
        for (int i = 0; i < repeats; i++) {
            s.append(i == 0 ? "" : ",").append("{\"product_id\":\"BTC-USD\",\"price\":\"84737.").append(i)
                    .append("\",\"best_bid\":\"84737.58\",\"best_ask\":\"84737.59\",\"volume_24h\":\"1836.96781750\"}");
        }
        return s.append("]}").toString();
    }

    private static byte[] inflate(byte[] payload) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        byte[] input = new byte[payload.length + 4];
        System.arraycopy(payload, 0, input, 0, payload.length);
        input[payload.length + 2] = (byte) 0xff;
        input[payload.length + 3] = (byte) 0xff;
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = inflater.inflate(chunk)) > 0) {
            out.write(chunk, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }

    private record Frame(int firstByte, byte[] payload) {
        static Frame read(ByteBuf in) {
            int first = in.readUnsignedByte();
            int code = in.readUnsignedByte();
            long length = code < 126 ? code : code == 126 ? in.readUnsignedShort() : in.readLong();
            byte[] payload = new byte[(int) length];
            in.readBytes(payload);
            return new Frame(first, payload);
        }
    }
}
