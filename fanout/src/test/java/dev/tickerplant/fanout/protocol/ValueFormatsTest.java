package dev.tickerplant.fanout.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.ingest.codec.AsciiField;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueFormatsTest {
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void timestampsMatchJavaTimeOverCenturiesLeapDaysAndNegativeEpochs() {
        Random random = new Random(7);
        long[] fixed = {0, -1, 951_782_400_000_000_000L /* 2000-02-29 */, 4_107_542_399_999_999_999L,
                -2_208_988_800_000_000_000L /* 1900-01-01 */};
        for (long nanos : fixed) {
            assertEquals(MICROS.format(Instant.ofEpochSecond(0, nanos)), Timestamps.format(nanos), "" + nanos);
        }
        for (int i = 0; i < 10_000; i++) {
            long nanos = random.nextLong() % 5_000_000_000_000_000_000L;
            assertEquals(MICROS.format(Instant.ofEpochSecond(0, nanos)), Timestamps.format(nanos), "" + nanos);
        }
    }

    @Test
    void decimalsParseCoinbaseStringsAndRejectTheRest() {
        assertEquals(84737.58, parse("84737.58"));
        assertEquals(2.5e-7, parse("0.00000025"), 1e-20);
        assertEquals(1836.9678175, parse("1836.96781750"), 1e-9);
        assertEquals(-4.15775596190603, parse("-4.15775596190603"), 1e-14);
        assertEquals(15460, parse("15460"));
        assertEquals(0.5, parse(".5"));
        assertEquals(123456789012345678901.0, parse("123456789012345678901"), 1e6);
        for (String bad : new String[] {"", "-", ".", "1.2.3", "1e5", "abc", "12a"}) {
            assertTrue(Double.isNaN(parse(bad)), bad);
        }
    }

    @Test
    void frameHeadersUseTheMinimalLengthEncoding() {
        assertEquals(2, WebSocketFrames.headerLength(125));
        assertEquals(4, WebSocketFrames.headerLength(126));
        assertEquals(4, WebSocketFrames.headerLength(65_535));
        assertEquals(10, WebSocketFrames.headerLength(65_536));
        ByteBuf frame = WebSocketFrames.text(Unpooled.buffer().alloc(), new byte[300], 300);
        assertEquals(0x81, frame.getUnsignedByte(0));
        assertEquals(126, frame.getUnsignedByte(1));
        assertEquals(300, frame.getUnsignedShort(2));
        assertEquals(304, frame.readableBytes());
        frame.release();
    }

    @Test
    void numbersAreWrittenWithoutAllocationHelpers() {
        JsonBytes out = new JsonBytes(1);
        out.append(0L).append(',').append(-42L).append(',').append(Long.MAX_VALUE).append(',').append(Long.MIN_VALUE);
        assertEquals("0,-42,9223372036854775807,-9223372036854775808", out.toString());
    }

    private static double parse(String s) {
        AsciiField field = new AsciiField();
        field.set(s);
        return Decimals.parse(field);
    }
}
