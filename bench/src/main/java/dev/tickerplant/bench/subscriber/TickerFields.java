package dev.tickerplant.bench.subscriber;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the three figures the benchmark needs straight from a downstream {@code ticker} message's bytes, without
 * parsing the JSON: the global {@code seq}, {@code exchange_time} (the simulator's intended send time, passed through)
 * and {@code receive_time} (when the daemon read it), the times as epoch nanoseconds. Allocation-free, so the
 * subscriber process measures the daemon and not its own garbage collector.
 */
final class TickerFields {

    static final long ABSENT = Long.MIN_VALUE;
    private static final byte[] TICKER_PREFIX = ascii("{\"type\":\"ticker\"");
    private static final byte[] SEQ = ascii("\"seq\":");
    private static final byte[] EXCHANGE_TIME = ascii("\"exchange_time\":\"");
    private static final byte[] RECEIVE_TIME = ascii("\"receive_time\":\"");

    private TickerFields() {
    }

    static boolean isTicker(ByteBuf json) {
        return startsWith(json, TICKER_PREFIX);
    }

    static boolean startsWith(ByteBuf json, byte[] prefix) {
        int start = json.readerIndex();
        if (json.readableBytes() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (json.getByte(start + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The {@code seq} number, or {@link #ABSENT}. */
    static long seq(ByteBuf json) {
        int at = indexOf(json, SEQ);
        return at < 0 ? ABSENT : readLong(json, at + SEQ.length);
    }

    /** Searches from the end: both times close the message. */
    static long exchangeTimeNanos(ByteBuf json) {
        int at = lastIndexOf(json, EXCHANGE_TIME);
        return at < 0 ? ABSENT : Rfc3339.epochNanos(json, at + EXCHANGE_TIME.length);
    }

    static long receiveTimeNanos(ByteBuf json) {
        int at = lastIndexOf(json, RECEIVE_TIME);
        return at < 0 ? ABSENT : Rfc3339.epochNanos(json, at + RECEIVE_TIME.length);
    }

    /** A non-negative integer field value starting at {@code index}, or {@link #ABSENT} if none is there. */
    static long readLong(ByteBuf json, int index) {
        int end = json.writerIndex();
        long value = 0;
        int digits = 0;
        for (int i = index; i < end; i++) {
            int c = json.getByte(i) - '0';
            if (c < 0 || c > 9) {
                break;
            }
            value = value * 10 + c;
            digits++;
        }
        return digits == 0 ? ABSENT : value;
    }

    static int indexOf(ByteBuf json, byte[] needle) {
        int last = json.writerIndex() - needle.length;
        outer:
        for (int i = json.readerIndex(); i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (json.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static int lastIndexOf(ByteBuf json, byte[] needle) {
        outer:
        for (int i = json.writerIndex() - needle.length; i >= json.readerIndex(); i--) {
            for (int j = 0; j < needle.length; j++) {
                if (json.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
