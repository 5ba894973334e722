package dev.tickerplant.compat;

import dev.tickerplant.coinbase.WireTime;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.Timestamps;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Advanced Trade market-data messages (protocol reference A.4–A.6), as Coinbase writes them:
 *
 * <pre>{"channel":"ticker","client_id":"","timestamp":"2026-09-05T21:52:10.940239Z","sequence_num":91,
 *  "events":[{"type":"update","tickers":[{"type":"ticker","product_id":"BTC-USD","price":"79914.6",...}]}]}</pre>
 *
 * <p>The ticker object inside {@code tickers} is the same for every client, so it is encoded once per tick
 * ({@link #writeTicker}); the envelope around it carries the client's own {@code sequence_num} and is written per
 * client straight into its outgoing buffer ({@link #writeFrame}), without touching the ticker's fields again.
 */
final class AdvancedTradeJson {
    /** Channel and event type of a message carrying tickers. */
    public enum Tickers {
        TICKER_SNAPSHOT("ticker", "snapshot"),
        TICKER_UPDATE("ticker", "update"),
        BATCH_SNAPSHOT("ticker_batch", "snapshot"),
        BATCH_UPDATE("ticker_batch", "update");

        private final byte[] head;
        private final byte[] events;

        Tickers(String channel, String eventType) {
            this.head = ascii("{\"channel\":\"" + channel + "\",\"client_id\":\"\",\"timestamp\":\"");
            this.events = ascii(",\"events\":[{\"type\":\"" + eventType + "\",\"tickers\":[");
        }
    }

    private static final TickField[] FIELDS = TickField.values();
    private static final byte[][] KEYS = new byte[FIELDS.length][];
    private static final byte[] TICKER_START = ascii("{\"type\":\"ticker\",\"product_id\":\"");
    private static final byte[] SEQUENCE_NUM = ascii("\",\"sequence_num\":");
    private static final byte[] TICKERS_END = ascii("]}]}");
    private static final byte[] HEARTBEATS_HEAD =
            ascii("{\"channel\":\"heartbeats\",\"client_id\":\"\",\"timestamp\":\"");
    private static final byte[] CURRENT_TIME = ascii(",\"events\":[{\"current_time\":\"");
    private static final byte[] HEARTBEAT_COUNTER = ascii("\",\"heartbeat_counter\":");

    static {
        for (TickField f : FIELDS) {
            KEYS[f.ordinal()] = f.advancedTradeName() == null ? null : ascii(",\"" + f.advancedTradeName() + "\":\"");
        }
    }

    private AdvancedTradeJson() {
    }

    /**
     * Appends the ticker object: {@code type}, {@code product_id}, then every Advanced Trade field the tick carries,
     * with the exact bytes Coinbase sent, in the order of Coinbase's documentation. Fields that only the Exchange feed
     * has are left out, whichever API the tick came from. Allocation-free.
     */
    public static void writeTicker(JsonBytes out, TickerSlot tick) {
        out.append(TICKER_START).append(tick.productId).append('"');
        for (TickField f : FIELDS) {
            byte[] key = KEYS[f.ordinal()];
            if (key != null && tick.field(f).isPresent()) {
                out.append(key).append(tick.field(f)).append('"');
            }
        }
        out.append('}');
    }

    /**
     * Appends one complete WebSocket text frame: the envelope with this client's {@code sequenceNum}, stamped
     * {@code epochNanos}, around {@code count} ticker objects. {@code scratch} is the caller's reusable buffer.
     */
    public static void writeFrame(ByteBuf out, Tickers kind, long epochNanos, long sequenceNum, ByteBuf[] tickers,
                                  int count, JsonBytes scratch) {
        head(scratch, kind, epochNanos, sequenceNum);
        int length = scratch.length() + TICKERS_END.length + Math.max(0, count - 1);
        for (int i = 0; i < count; i++) {
            length += tickers[i].readableBytes();
        }
        WebSocketFrames.writeTextHeader(out, length);
        out.writeBytes(scratch.array(), 0, scratch.length());
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.writeByte(',');
            }
            out.writeBytes(tickers[i], tickers[i].readerIndex(), tickers[i].readableBytes());
        }
        out.writeBytes(TICKERS_END);
    }

    /** The same for one ticker object, the per-tick case. Allocation-free. */
    public static void writeFrame(ByteBuf out, Tickers kind, long epochNanos, long sequenceNum, ByteBuf ticker,
                                  JsonBytes scratch) {
        writeFrame(out, kind, epochNanos, sequenceNum, ticker, ticker.readerIndex(), ticker.readableBytes(), scratch);
    }

    /** The same for the ticker object at {@code [index, index + length)} of {@code source}. Allocation-free. */
    public static void writeFrame(ByteBuf out, Tickers kind, long epochNanos, long sequenceNum, ByteBuf source,
                                  int index, int length, JsonBytes scratch) {
        head(scratch, kind, epochNanos, sequenceNum);
        WebSocketFrames.writeTextHeader(out, scratch.length() + length + TICKERS_END.length);
        out.writeBytes(scratch.array(), 0, scratch.length());
        out.writeBytes(source, index, length);
        out.writeBytes(TICKERS_END);
    }

    /**
     * A {@code heartbeats} message. {@code current_time} is rendered as Coinbase's Go server does
     * ({@code 2026-09-05 22:10:30.25788961 +0000 UTC m=+139651.272674714}, the {@code m=+} part being the server's
     * uptime); {@code heartbeat_counter} is a number, as in live frames.
     */
    public static void heartbeats(JsonBytes out, long epochNanos, long sequenceNum, long counter, long uptimeNanos) {
        out.append(HEARTBEATS_HEAD);
        Timestamps.append(out, epochNanos);
        out.append(SEQUENCE_NUM).append(sequenceNum).append(CURRENT_TIME);
        out.appendAscii(goTime(epochNanos, uptimeNanos));
        out.append(HEARTBEAT_COUNTER).append(counter).append('}').append(']').append('}');
    }

    /** Go's {@code time.Time.String()} with its monotonic reading, as Coinbase's Go server renders it. */
    static String goTime(long epochNanos, long uptimeNanos) {
        return WireTime.go(Instant.ofEpochSecond(0, epochNanos), uptimeNanos);
    }

    private static void head(JsonBytes scratch, Tickers kind, long epochNanos, long sequenceNum) {
        scratch.reset().append(kind.head);
        Timestamps.append(scratch, epochNanos);
        scratch.append(SEQUENCE_NUM).append(sequenceNum).append(kind.events);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
