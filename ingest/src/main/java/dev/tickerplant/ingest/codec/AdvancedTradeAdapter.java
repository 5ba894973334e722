package dev.tickerplant.ingest.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tickerplant.coinbase.Channels;
import dev.tickerplant.coinbase.Fields;
import dev.tickerplant.coinbase.MessageTypes;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes Coinbase Advanced Trade market-data frames: {@code {channel, client_id, timestamp, sequence_num,
 * events:[...]}} for the {@code ticker}, {@code ticker_batch}, {@code heartbeats} and {@code subscriptions} channels,
 * and {@code {"type":"error","message":...}}. Other channels ({@code l2_data}, {@code market_trades}, ...) are
 * {@link FrameType#IGNORED} but still report their {@code sequence_num}, which counts every frame of a connection.
 *
 * <p>Data frames carry no top-level {@code type}, so dispatch is on {@code channel}, then on {@code type}. Field order
 * is not relied on: the envelope is kept in locals and applied when the frame ends, and in the rare frame whose
 * {@code channel} comes after {@code events} the dispatch keys are found by a second, skimming read.
 */
public final class AdvancedTradeAdapter implements FeedDecoder {

    static final String TICKER = Channels.TICKER;
    static final String TICKER_BATCH = Channels.TICKER_BATCH;
    static final String HEARTBEATS = Channels.HEARTBEATS;
    static final String SUBSCRIPTIONS = Channels.SUBSCRIPTIONS;
    static final String ERROR = MessageTypes.ERROR;

    private final FrameReader reader = new FrameReader(AdvancedTradeAdapter::decodeFrame);

    @Override
    public void decode(byte[] buf, int offset, int length, DecodedFrame out) throws FrameFormatException {
        reader.decode(buf, offset, length, out);
    }

    /** The body of one frame, whichever parser reads it; package-private as the reference decode in tests. */
    static void decodeFrame(JsonParser p, byte[] buf, int offset, int length, DecodedFrame out)
            throws IOException, FrameFormatException {
        JsonFrames.enterRootObject(p);
        String channel = null;
        String type = null;
        // Null until no later field can change what the frame is.
        FrameType frameType = null;
        long sequenceNum = -1;
        long timestampNanos = Long.MIN_VALUE;
        String message = null;
        String reason = null;
        JsonToken badMessage = null;
        JsonToken badReason = null;
        Map<String, List<String>> subscriptions = null;

        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (frameType == null && channel == null && name.equals(Fields.EVENTS)) {
                // Events come before the channel that says what they are: find it first.
                JsonFrames.TopLevelKeys keys = JsonFrames.scanTopLevelKeys(buf, offset, length);
                channel = keys.channel();
                type = keys.type();
                frameType = classify(channel, type);
            }
            try {
                switch (name) {
                    case Fields.CHANNEL:
                        channel = readChannel(p, t);
                        if (frameType == null && forChannel(channel) != FrameType.IGNORED) {
                            frameType = forChannel(channel);
                        }
                        break;
                    case Fields.TYPE:
                        type = readType(p, t);
                        break;
                    case Fields.SEQUENCE_NUM:
                        sequenceNum = JsonFrames.readLong(p, t);
                        break;
                    case Fields.TIMESTAMP:
                        timestampNanos = JsonFrames.readTimestamp(p, t);
                        break;
                    case Fields.EVENTS:
                        if (frameType == FrameType.SUBSCRIPTIONS && subscriptions == null) {
                            subscriptions = new LinkedHashMap<>();
                        }
                        // A channel we do not decode: its events are skipped whatever its type turns out to be.
                        readEvents(p, t, frameType == null ? FrameType.IGNORED : frameType, out, subscriptions);
                        break;
                    case Fields.MESSAGE:
                        // Kept whatever the frame turns out to be: only error frames have it, and they are rare.
                        message = t == JsonToken.VALUE_STRING ? p.getText() : null;
                        badMessage = t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NULL ? null : t;
                        p.skipChildren();
                        break;
                    case Fields.REASON:
                        reason = t == JsonToken.VALUE_STRING ? p.getText() : null;
                        badReason = t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NULL ? null : t;
                        p.skipChildren();
                        break;
                    default:
                        p.skipChildren();
                }
            } catch (FrameFormatException e) {
                throw e.within(name);
            }
        }
        JsonFrames.expectEndOfFrame(p);
        if (frameType == null) {
            frameType = classify(channel, type);
        }

        out.type(frameType, channel != null ? channel : type);
        out.sequenceNum(sequenceNum);
        out.timestampNanos(timestampNanos);
        switch (frameType) {
            case TICKER:
            case TICKER_BATCH:
                out.stampTickerTimes(timestampNanos);
                break;
            case SUBSCRIPTIONS:
                out.subscriptions(subscriptions == null ? Map.of() : Collections.unmodifiableMap(subscriptions));
                break;
            case ERROR:
                if (badMessage != null) {
                    throw JsonFrames.expected("a string", badMessage).within("message");
                }
                if (badReason != null) {
                    throw JsonFrames.expected("a string", badReason).within("reason");
                }
                out.error(message, reason);
                break;
            default:
                break;
        }
    }

    /** The channel name, as a constant for the channels decoded here so that ticker frames allocate no String. */
    private static String readChannel(JsonParser p, JsonToken t) throws IOException, FrameFormatException {
        if (t != JsonToken.VALUE_STRING) {
            throw JsonFrames.expected("a string", t);
        }
        if (JsonFrames.textEquals(p, TICKER)) {
            return TICKER;
        }
        if (JsonFrames.textEquals(p, TICKER_BATCH)) {
            return TICKER_BATCH;
        }
        if (JsonFrames.textEquals(p, HEARTBEATS)) {
            return HEARTBEATS;
        }
        if (JsonFrames.textEquals(p, SUBSCRIPTIONS)) {
            return SUBSCRIPTIONS;
        }
        return p.getText();
    }

    private static String readType(JsonParser p, JsonToken t) throws IOException, FrameFormatException {
        if (t != JsonToken.VALUE_STRING) {
            throw JsonFrames.expected("a string", t);
        }
        return JsonFrames.textEquals(p, ERROR) ? ERROR : p.getText();
    }

    private static FrameType forChannel(String channel) {
        switch (channel) {
            case TICKER:
                return FrameType.TICKER;
            case TICKER_BATCH:
                return FrameType.TICKER_BATCH;
            case HEARTBEATS:
                return FrameType.HEARTBEAT;
            case SUBSCRIPTIONS:
                return FrameType.SUBSCRIPTIONS;
            default:
                return FrameType.IGNORED;
        }
    }

    /** Channel first; a frame of no channel we decode is an error only if its top-level type says so. */
    private static FrameType classify(String channel, String type) throws FrameFormatException {
        if (channel != null && forChannel(channel) != FrameType.IGNORED) {
            return forChannel(channel);
        }
        if (ERROR.equals(type)) {
            return FrameType.ERROR;
        }
        if (channel == null && type == null) {
            throw new FrameFormatException("frame", "expected a \"channel\" or \"type\" string, found neither");
        }
        return FrameType.IGNORED;
    }

    private static void readEvents(JsonParser p, JsonToken t, FrameType frameType, DecodedFrame out,
            Map<String, List<String>> subscriptions) throws IOException, FrameFormatException {
        if (frameType == FrameType.IGNORED || frameType == FrameType.ERROR) {
            p.skipChildren();
            return;
        }
        JsonFrames.expectArray(t);
        int index = 0;
        for (JsonToken event = p.nextToken(); event != JsonToken.END_ARRAY; event = p.nextToken(), index++) {
            try {
                JsonFrames.expectObject(event);
                switch (frameType) {
                    case TICKER:
                    case TICKER_BATCH:
                        readTickerEvent(p, out);
                        break;
                    case HEARTBEAT:
                        readHeartbeatEvent(p, out);
                        break;
                    case SUBSCRIPTIONS:
                        readSubscriptionsEvent(p, subscriptions);
                        break;
                    default:
                        throw new IllegalStateException("unexpected frame type " + frameType);
                }
            } catch (FrameFormatException e) {
                throw e.withinElement(index);
            }
        }
    }

    /** {@code {type: snapshot|update, tickers: [...]}}; the type may follow the tickers. */
    private static void readTickerEvent(JsonParser p, DecodedFrame out) throws IOException, FrameFormatException {
        int first = out.tickerCount();
        boolean snapshot = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            try {
                switch (name) {
                    case Fields.TYPE:
                        if (t != JsonToken.VALUE_STRING) {
                            throw JsonFrames.expected("a string", t);
                        }
                        snapshot = JsonFrames.textEquals(p, MessageTypes.SNAPSHOT);
                        break;
                    case Fields.TICKERS:
                        readTickers(p, t, out);
                        break;
                    default:
                        p.skipChildren();
                }
            } catch (FrameFormatException e) {
                throw e.within(name);
            }
        }
        out.stampTickers(first, snapshot);
    }

    private static void readTickers(JsonParser p, JsonToken t, DecodedFrame out)
            throws IOException, FrameFormatException {
        JsonFrames.expectArray(t);
        int index = 0;
        for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken(), index++) {
            try {
                JsonFrames.expectObject(item);
                TickerSlot slot = out.addTicker();
                readTicker(p, slot);
                if (!slot.productId.isPresent()) {
                    // ticker_batch has been seen sending items with every value "": nothing to apply.
                    out.skipLastTicker();
                }
            } catch (FrameFormatException e) {
                throw e.withinElement(index);
            }
        }
    }

    private static void readTicker(JsonParser p, TickerSlot slot) throws IOException, FrameFormatException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            try {
                TickField field = TickField.forAdvancedTradeName(name);
                if (field != null) {
                    JsonFrames.readAscii(p, t, slot.field(field));
                } else if (name.equals(Fields.PRODUCT_ID)) {
                    JsonFrames.readAscii(p, t, slot.productId);
                } else {
                    p.skipChildren();
                }
            } catch (FrameFormatException e) {
                throw e.within(name);
            }
        }
    }

    /** {@code {current_time, heartbeat_counter}}; current_time is Go's time.String() and not worth parsing. */
    private static void readHeartbeatEvent(JsonParser p, DecodedFrame out) throws IOException, FrameFormatException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals(Fields.HEARTBEAT_COUNTER)) {
                try {
                    out.heartbeatCounter(JsonFrames.readCounter(p, t));
                } catch (FrameFormatException e) {
                    throw e.within(name);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /** {@code {subscriptions: {channel: [product ids]}}}, the connection's whole subscription set. */
    private static void readSubscriptionsEvent(JsonParser p, Map<String, List<String>> subscriptions)
            throws IOException, FrameFormatException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (!name.equals(Fields.SUBSCRIPTIONS)) {
                p.skipChildren();
                continue;
            }
            try {
                JsonFrames.expectObject(t);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String channel = p.currentName();
                    try {
                        subscriptions.put(channel, JsonFrames.readStringList(p, p.nextToken()));
                    } catch (FrameFormatException e) {
                        throw e.within(channel);
                    }
                }
            } catch (FrameFormatException e) {
                throw e.within(name);
            }
        }
    }
}
