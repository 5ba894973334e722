package dev.tickerplant.ingest.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A short ASCII value kept as the exact bytes Coinbase sent (decimal strings are never parsed to double). Reusable.
 *
 * <p>Only printable ASCII without {@code "} or {@code \} is accepted, so the bytes can be written verbatim between
 * quotes into outgoing JSON. Equality and hash are by content; do not mutate a field while it is a map key.
 */
public final class AsciiField {

    /** Longer values are a format error: no Coinbase decimal or product id comes close. */
    public static final int CAPACITY = 64;

    private final byte[] bytes = new byte[CAPACITY];
    private int length;

    public void clear() {
        length = 0;
    }

    /** False when the value is absent or the empty string, which Coinbase uses for "no value". */
    public boolean isPresent() {
        return length > 0;
    }

    public int length() {
        return length;
    }

    public byte byteAt(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("index: " + i + " (expected: >= 0 and < " + length + ")");
        }
        return bytes[i];
    }

    /**
     * Copies {@code length} chars starting at {@code offset}. On error the field is left empty.
     *
     * @throws FrameFormatException when the value is longer than {@link #CAPACITY} or holds a char that is not
     *     printable ASCII, or is a quote or backslash
     */
    public void set(char[] chars, int offset, int length) throws FrameFormatException {
        Objects.checkFromIndexSize(offset, length, chars.length);
        String problem = lengthProblem(length);
        if (problem != null) {
            clear();
            throw new FrameFormatException(problem);
        }
        for (int i = 0; i < length; i++) {
            char c = chars[offset + i];
            if (!isAllowed(c)) {
                clear();
                throw new FrameFormatException(charProblem(c, i));
            }
            bytes[i] = (byte) c;
        }
        this.length = length;
    }

    /**
     * For tests and callers off the hot path.
     *
     * @throws IllegalArgumentException for the values {@link #set(char[], int, int)} rejects
     */
    public void set(CharSequence s) {
        String problem = lengthProblem(s.length());
        if (problem != null) {
            clear();
            throw new IllegalArgumentException(problem);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAllowed(c)) {
                clear();
                throw new IllegalArgumentException(charProblem(c, i));
            }
            bytes[i] = (byte) c;
        }
        this.length = s.length();
    }

    public void copyFrom(AsciiField other) {
        System.arraycopy(other.bytes, 0, bytes, 0, other.length);
        length = other.length;
    }

    public boolean contentEquals(AsciiField other) {
        if (other.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != other.bytes[i]) {
                return false;
            }
        }
        return true;
    }

    public boolean contentEquals(CharSequence s) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < length; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AsciiField && contentEquals((AsciiField) o);
    }

    /** Writes the raw bytes, without quotes. */
    public void writeTo(ByteBuf out) {
        out.writeBytes(bytes, 0, length);
    }

    /** Copies the raw bytes to {@code dst} at {@code offset} and returns how many were copied. */
    public int copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, length);
        return length;
    }

    /** Allocates; not for the hot path. */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    private static boolean isAllowed(char c) {
        return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
    }

    private static String lengthProblem(int length) {
        if (length > CAPACITY) {
            return "expected at most " + CAPACITY + " characters, got " + length;
        }
        return null;
    }

    private static String charProblem(char c, int index) {
        return String.format("expected printable ASCII without quote or backslash, got U+%04X at index %d",
                (int) c, index);
    }
}
