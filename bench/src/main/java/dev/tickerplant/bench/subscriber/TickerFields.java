package dev.tickerplant.bench.subscriber;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the three figures the benchmark needs straight from a downstream {@code ticker} message's bytes, without
 * parsing the JSON: the global {@code seq}, {@code exchange_time} (the simulator's intended send time, passed through)
 * and {@code receive_time} (when the daemon read it), the times as epoch nanoseconds. Allocation-free, so the
 * subscriber process measures the daemon and not its own garbage collector.
 *
 * <p>Each method reads the message between {@code from} (inclusive) and {@code to} (exclusive) of a buffer, so a
 * caller can hand over a message in the middle of a larger read without slicing it.
 */
final class TickerFields {

    static final long ABSENT = Long.MIN_VALUE;
    private static final byte[] TICKER_PREFIX = ascii("{\"type\":\"ticker\"");
    /** How the daemon starts every ticker ({@code TickerJson}): seq comes first, so it is read in place. */
    private static final byte[] SEQ_FIRST = ascii(",\"seq\":");
    private static final byte[] SEQ = ascii("\"seq\":");
    private static final byte[] EXCHANGE_TIME = ascii("\"exchange_time\":\"");
    private static final byte[] RECEIVE_TIME = ascii("\"receive_time\":\"");

    private TickerFields() {
    }

    static boolean isTicker(ByteBuf json, int from, int to) {
        return startsWith(json, from, to, TICKER_PREFIX);
    }

    static boolean startsWith(ByteBuf json, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && regionMatches(json, from, prefix);
    }

    /** The {@code seq} number, or {@link #ABSENT}. */
    static long seq(ByteBuf json, int from, int to) {
        int afterType = from + TICKER_PREFIX.length;
        if (to - afterType >= SEQ_FIRST.length && regionMatches(json, afterType, SEQ_FIRST)) {
            return readLong(json, afterType + SEQ_FIRST.length, to);
        }
        int at = indexOf(json, from, to, SEQ);
        return at < 0 ? ABSENT : readLong(json, at + SEQ.length, to);
    }

    /** Searches from the end: both times close the message. */
    static long exchangeTimeNanos(ByteBuf json, int from, int to) {
        int at = lastIndexOf(json, from, to, EXCHANGE_TIME);
        return at < 0 ? ABSENT : Rfc3339.epochNanos(json, at + EXCHANGE_TIME.length, to);
    }

    static long receiveTimeNanos(ByteBuf json, int from, int to) {
        int at = lastIndexOf(json, from, to, RECEIVE_TIME);
        return at < 0 ? ABSENT : Rfc3339.epochNanos(json, at + RECEIVE_TIME.length, to);
    }

    /** A non-negative integer field value starting at {@code index}, or {@link #ABSENT} if none is there. */
    static long readLong(ByteBuf json, int index, int to) {
        long value = 0;
        int digits = 0;
        for (int i = index; i < to; i++) {
            int c = json.getByte(i) - '0';
            if (c < 0 || c > 9) {
                break;
            }
            value = value * 10 + c;
            digits++;
        }
        return digits == 0 ? ABSENT : value;
    }

    static int indexOf(ByteBuf json, int from, int to, byte[] needle) {
        for (int i = from, last = to - needle.length; i <= last; i++) {
            if (regionMatches(json, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOf(ByteBuf json, int from, int to, byte[] needle) {
        for (int i = to - needle.length; i >= from; i--) {
            if (regionMatches(json, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionMatches(ByteBuf json, int at, byte[] needle) {
        for (int j = 0; j < needle.length; j++) {
            if (json.getByte(at + j) != needle[j]) {
                return false;
            }
        }
        return true;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
