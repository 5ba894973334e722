package dev.tickerplant.fanout.protocol;

import dev.tickerplant.ingest.codec.AsciiField;
import java.util.Arrays;

/**
 * A reusable, growable byte builder for JSON made of ASCII: keys and values are appended as bytes without creating
 * strings, so encoding a tick allocates nothing once the buffer has grown to its working size. Not thread-safe.
 */
public final class JsonBytes {
    private static final byte[] MIN_LONG = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;

    public JsonBytes(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    public JsonBytes reset() {
        length = 0;
        return this;
    }

    /** The backing array; valid from 0 to {@link #length()}, until the next append. */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public JsonBytes append(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    public JsonBytes append(char c) {
        return append((byte) c);
    }

    /** Appends pre-encoded bytes, typically a constant such as {@code ,"price":"}. */
    public JsonBytes append(byte[] src) {
        return append(src, 0, src.length);
    }

    public JsonBytes append(byte[] src, int offset, int count) {
        ensure(count);
        System.arraycopy(src, offset, bytes, length, count);
        length += count;
        return this;
    }

    /** Appends an ASCII string verbatim (the caller guarantees it needs no escaping). */
    public JsonBytes appendAscii(CharSequence ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Appends the field's exact bytes; {@link AsciiField} only holds bytes that are safe inside JSON quotes. */
    public JsonBytes append(AsciiField field) {
        ensure(field.length());
        length += field.copyTo(bytes, length);
        return this;
    }

    public JsonBytes append(long value) {
        if (value == Long.MIN_VALUE) {
            return append(MIN_LONG);
        }
        if (value < 0) {
            append('-');
            value = -value;
        }
        int digits = digits(value);
        ensure(digits);
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
        return this;
    }

    /** Appends {@code value} as exactly {@code width} digits, zero-padded on the left; value must fit. */
    public JsonBytes appendPadded(long value, int width) {
        ensure(width);
        for (int i = length + width - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
        return this;
    }

    /** A copy of the content; allocates, for tests and replies off the hot path. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static int digits(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }
}
