package dev.tickerplant.ingest.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tickerplant.coinbase.Fields;
import dev.tickerplant.coinbase.MessageTypes;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes Coinbase Exchange feed messages: flat objects dispatched on {@code type}. {@code ticker} (also what a
 * {@code ticker_batch} subscription sends), {@code heartbeat}, {@code subscriptions} and {@code error} are decoded;
 * any other type ({@code match}, {@code l2update}, {@code status}, ...) is {@link FrameType#IGNORED}.
 *
 * <p>Field order is not relied on: when {@code type} is not the first field, a second, skimming read finds it first.
 */
public final class ExchangeFeedAdapter implements FeedDecoder {

    static final String TICKER = MessageTypes.TICKER;
    static final String HEARTBEAT = MessageTypes.HEARTBEAT;
    static final String SUBSCRIPTIONS = MessageTypes.SUBSCRIPTIONS;
    static final String ERROR = MessageTypes.ERROR;

    private final FrameReader reader = new FrameReader(ExchangeFeedAdapter::decodeFrame);

    @Override
    public void decode(byte[] buf, int offset, int length, DecodedFrame out) throws FrameFormatException {
        reader.decode(buf, offset, length, out);
    }

    /** The body of one frame, whichever parser reads it; package-private as the reference decode in tests. */
    static void decodeFrame(JsonParser p, byte[] buf, int offset, int length, DecodedFrame out)
            throws IOException, FrameFormatException {
        JsonFrames.enterRootObject(p);
        String type = null;
        TickerSlot ticker = null;
        String message = null;
        String reason = null;
        Map<String, List<String>> subscriptions = null;

        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals(Fields.TYPE)) {
                if (t != JsonToken.VALUE_STRING) {
                    throw JsonFrames.expected("a string", t).within(name);
                }
                if (type == null) {
                    type = typeName(p);
                    ticker = TICKER.equals(type) ? out.addTicker() : null;
                }
                continue;
            }
            if (type == null) {
                type = JsonFrames.scanTopLevelKeys(buf, offset, length).type();
                if (type == null) {
                    throw missingType();
                }
                ticker = TICKER.equals(type) ? out.addTicker() : null;
            }
            try {
                switch (type) {
                    case TICKER:
                        readTickerField(p, t, name, ticker);
                        break;
                    case HEARTBEAT:
                        readHeartbeatField(p, t, name, out);
                        break;
                    case SUBSCRIPTIONS:
                        if (name.equals(Fields.CHANNELS)) {
                            subscriptions = readChannels(p, t);
                        } else {
                            p.skipChildren();
                        }
                        break;
                    case ERROR:
                        if (name.equals(Fields.MESSAGE)) {
                            message = JsonFrames.readString(p, t);
                        } else if (name.equals(Fields.REASON)) {
                            reason = JsonFrames.readString(p, t);
                        } else {
                            p.skipChildren();
                        }
                        break;
                    default:
                        p.skipChildren();
                }
            } catch (FrameFormatException e) {
                throw e.within(name);
            }
        }
        JsonFrames.expectEndOfFrame(p);
        if (type == null) {
            throw missingType();
        }

        switch (type) {
            case TICKER:
                out.type(FrameType.TICKER, TICKER);
                out.timestampNanos(ticker.exchangeTimeNanos);
                if (!ticker.productId.isPresent()) {
                    out.skipLastTicker();
                }
                break;
            case HEARTBEAT:
                out.type(FrameType.HEARTBEAT, HEARTBEAT);
                break;
            case SUBSCRIPTIONS:
                out.type(FrameType.SUBSCRIPTIONS, SUBSCRIPTIONS);
                out.subscriptions(subscriptions == null ? Map.of() : subscriptions);
                break;
            case ERROR:
                out.type(FrameType.ERROR, ERROR);
                out.error(message, reason);
                break;
            default:
                out.type(FrameType.IGNORED, type);
        }
    }

    /** The type as a constant for the types decoded here, so that ticker frames allocate no String. */
    private static String typeName(JsonParser p) throws IOException {
        if (JsonFrames.textEquals(p, TICKER)) {
            return TICKER;
        }
        if (JsonFrames.textEquals(p, HEARTBEAT)) {
            return HEARTBEAT;
        }
        if (JsonFrames.textEquals(p, SUBSCRIPTIONS)) {
            return SUBSCRIPTIONS;
        }
        if (JsonFrames.textEquals(p, ERROR)) {
            return ERROR;
        }
        return p.getText();
    }

    private static FrameFormatException missingType() {
        return new FrameFormatException("frame", "expected a \"type\" string, found none");
    }

    private static void readTickerField(JsonParser p, JsonToken t, String name, TickerSlot slot)
            throws IOException, FrameFormatException {
        switch (name) {
            case Fields.PRODUCT_ID:
                JsonFrames.readAscii(p, t, slot.productId);
                break;
            case Fields.SEQUENCE:
                slot.exchangeSequence = JsonFrames.readLong(p, t);
                break;
            case Fields.TRADE_ID:
                slot.tradeId = JsonFrames.readLong(p, t);
                break;
            case Fields.TIME:
                JsonFrames.readAscii(p, t, slot.field(TickField.TIME));
                if (t == JsonToken.VALUE_STRING) {
                    slot.exchangeTimeNanos = JsonFrames.parseTimestamp(p);
                }
                break;
            default:
                TickField field = TickField.forExchangeName(name);
                if (field != null) {
                    JsonFrames.readAscii(p, t, slot.field(field));
                } else {
                    p.skipChildren();
                }
        }
    }

    /** {@code {sequence, last_trade_id, product_id, time}}: the product's latest sequence and trade id. */
    private static void readHeartbeatField(JsonParser p, JsonToken t, String name, DecodedFrame out)
            throws IOException, FrameFormatException {
        switch (name) {
            case Fields.PRODUCT_ID:
                JsonFrames.readAscii(p, t, out.heartbeatProductId());
                break;
            case Fields.SEQUENCE:
                out.heartbeatSequence(JsonFrames.readLong(p, t));
                break;
            case Fields.LAST_TRADE_ID:
                out.heartbeatLastTradeId(JsonFrames.readLong(p, t));
                break;
            case Fields.TIME:
                out.timestampNanos(JsonFrames.readTimestamp(p, t));
                break;
            default:
                p.skipChildren();
        }
    }

    /** {@code [{name, product_ids, account_ids}, ...]}; a bare channel-name string is accepted too. */
    private static Map<String, List<String>> readChannels(JsonParser p, JsonToken t)
            throws IOException, FrameFormatException {
        JsonFrames.expectArray(t);
        Map<String, List<String>> channels = new LinkedHashMap<>();
        int index = 0;
        for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken(), index++) {
            try {
                if (item == JsonToken.VALUE_STRING) {
                    channels.put(p.getText(), List.of());
                    continue;
                }
                JsonFrames.expectObject(item);
                String channel = null;
                List<String> productIds = List.of();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    try {
                        if (name.equals(Fields.NAME)) {
                            channel = JsonFrames.readString(p, value);
                        } else if (name.equals(Fields.PRODUCT_IDS)) {
                            productIds = JsonFrames.readStringList(p, value);
                        } else {
                            p.skipChildren();
                        }
                    } catch (FrameFormatException e) {
                        throw e.within(name);
                    }
                }
                if (channel == null) {
                    throw new FrameFormatException(null, "expected a \"name\" string, found none");
                }
                channels.put(channel, productIds);
            } catch (FrameFormatException e) {
                throw e.withinElement(index);
            }
        }
        return Collections.unmodifiableMap(channels);
    }
}
