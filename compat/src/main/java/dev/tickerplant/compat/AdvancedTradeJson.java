package dev.tickerplant.compat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.Timestamps;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

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

    private static final JsonFactory JSON = new JsonFactory();
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

    /**
     * The cumulative {@code subscriptions} ack: channel → product ids ({@code "heartbeats":["heartbeats"]}); an empty
     * map is written as {@code {}}.
     */
    public static byte[] subscriptions(long epochNanos, long sequenceNum, Map<String, List<String>> channels) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("channel", "subscriptions");
            g.writeStringField("client_id", "");
            g.writeStringField("timestamp", Timestamps.format(epochNanos));
            g.writeNumberField("sequence_num", sequenceNum);
            g.writeArrayFieldStart("events");
            g.writeStartObject();
            g.writeObjectFieldStart("subscriptions");
            for (Map.Entry<String, List<String>> e : channels.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (String id : e.getValue()) {
                    g.writeString(id);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code {"type":"error","message":...}}: no channel and no {@code sequence_num}, as Coinbase sends errors. */
    public static byte[] error(String message) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "error");
            g.writeStringField("message", message);
            g.writeEndObject();
        });
    }

    /** Go's {@code time.Time.String()} with its monotonic reading; trailing zeros of the fraction dropped, as Go does. */
    static String goTime(long epochNanos, long uptimeNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(64);
        out.append(String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond()));
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
            out.append('.').append(fraction);
        }
        return out.append(" +0000 UTC m=+").append(uptimeNanos / 1_000_000_000L).append('.')
                .append(String.format("%09d", uptimeNanos % 1_000_000_000L)).toString();
    }

    private static void head(JsonBytes scratch, Tickers kind, long epochNanos, long sequenceNum) {
        scratch.reset().append(kind.head);
        Timestamps.append(scratch, epochNanos);
        scratch.append(SEQUENCE_NUM).append(sequenceNum).append(kind.events);
    }

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
