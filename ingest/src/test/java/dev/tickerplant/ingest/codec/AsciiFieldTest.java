package dev.tickerplant.ingest.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AsciiFieldTest {

    @Test
    void keepsTheExactCharactersOfADecimalIncludingTrailingZeros() throws Exception {
        AsciiField f = new AsciiField();
        char[] text = "xx1.56637040yy".toCharArray();

        f.set(text, 2, 10);

        assertEquals("1.56637040", f.toString());
        assertEquals(10, f.length());
        assertEquals('1', f.byteAt(0));
        assertEquals('0', f.byteAt(9));
        assertTrue(f.isPresent());
    }

    @Test
    void emptyStringIsNotPresent() throws Exception {
        AsciiField f = new AsciiField();
        assertFalse(f.isPresent());

        f.set(new char[0], 0, 0);
        assertFalse(f.isPresent());

        f.set("5");
        f.clear();
        assertFalse(f.isPresent());
        assertEquals("", f.toString());
    }

    @Test
    void valueOfExactlyCapacityFitsAndOneMoreIsAnError() throws Exception {
        AsciiField f = new AsciiField();
        f.set("9".repeat(AsciiField.CAPACITY));
        assertEquals(AsciiField.CAPACITY, f.length());

        char[] tooLong = "9".repeat(AsciiField.CAPACITY + 1).toCharArray();
        FrameFormatException e = assertThrows(FrameFormatException.class, () -> f.set(tooLong, 0, tooLong.length));
        assertEquals("expected at most 64 characters, got 65", e.getMessage());
        assertFalse(f.isPresent(), "a rejected value leaves the field empty");
    }

    @Test
    void rejectsNonAsciiControlCharactersQuotesAndBackslashes() {
        AsciiField f = new AsciiField();
        String[][] cases = {
            {"12\u00e9", "U+00E9 at index 2"},
            {"1\u20ac", "U+20AC at index 1"},
            {"\t1", "U+0009 at index 0"},
            {"1\"", "U+0022 at index 1"},
            {"a\\b", "U+005C at index 1"},
            {"\u007f", "U+007F at index 0"}
        };
        for (String[] c : cases) {
            char[] chars = c[0].toCharArray();
            FrameFormatException e = assertThrows(FrameFormatException.class, () -> f.set(chars, 0, chars.length));
            assertEquals("expected printable ASCII without quote or backslash, got " + c[1], e.getMessage());
            IllegalArgumentException iae = assertThrows(IllegalArgumentException.class, () -> f.set(c[0]));
            assertEquals(e.getMessage(), iae.getMessage());
        }
    }

    @Test
    void equalityAndHashAreByContent() {
        AsciiField a = field("BTC-USD");
        AsciiField b = field("BTC-USD");
        AsciiField c = field("BTC-USDC");

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertTrue(a.contentEquals(b));
        assertFalse(a.contentEquals(c));
        assertTrue(a.contentEquals("BTC-USD"));
        assertFalse(a.contentEquals("BTC-USd"));

        Map<AsciiField, String> byId = new HashMap<>();
        byId.put(a, "found");
        assertEquals("found", byId.get(b));
    }

    @Test
    void copiesAreIndependent() {
        AsciiField a = field("84737.58");
        AsciiField b = field("something longer than that");

        b.copyFrom(a);
        a.set("1");

        assertEquals("84737.58", b.toString());
    }

    @Test
    void writesRawBytesWithoutQuotes() {
        AsciiField f = field("0.00000025");

        ByteBuf buf = Unpooled.buffer();
        buf.writeByte('[');
        f.writeTo(buf);
        assertEquals("[0.00000025", buf.toString(StandardCharsets.US_ASCII));

        byte[] dst = new byte[14];
        Arrays.fill(dst, (byte) '.');
        assertEquals(10, f.copyTo(dst, 2));
        assertArrayEquals("..0.00000025..".getBytes(StandardCharsets.US_ASCII), dst);
    }

    @Test
    void byteAtOutsideTheValueIsAnError() {
        AsciiField f = field("12");

        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> f.byteAt(2));
        assertEquals("index: 2 (expected: >= 0 and < 2)", e.getMessage());
    }

    private static AsciiField field(String s) {
        AsciiField f = new AsciiField();
        f.set(s);
        return f;
    }
}
