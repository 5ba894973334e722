package dev.tickerplant.coinbase.message;

import static dev.tickerplant.coinbase.Fields.ACCOUNT_IDS;
import static dev.tickerplant.coinbase.Fields.CHANNELS;
import static dev.tickerplant.coinbase.Fields.MESSAGE;
import static dev.tickerplant.coinbase.Fields.NAME;
import static dev.tickerplant.coinbase.Fields.PRODUCT_IDS;
import static dev.tickerplant.coinbase.Fields.REASON;
import static dev.tickerplant.coinbase.Fields.TYPE;

import dev.tickerplant.coinbase.MessageTypes;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.Map;

/** Exchange feed control messages (protocol reference B.3, B.5): flat objects with a {@code type}. */
public final class ExchangeMessages {

    private ExchangeMessages() {
    }

    /** The cumulative ack: one entry per channel with {@code "account_ids":null}, as newer responses carry it. */
    public static void subscriptions(OutputStream out, Map<String, ? extends Collection<String>> channels) {
        JsonMessages.write(out, json -> {
            json.writeStartObject();
            json.writeStringField(TYPE, MessageTypes.SUBSCRIPTIONS);
            json.writeArrayFieldStart(CHANNELS);
            for (Map.Entry<String, ? extends Collection<String>> channel : channels.entrySet()) {
                json.writeStartObject();
                json.writeStringField(NAME, channel.getKey());
                json.writeArrayFieldStart(PRODUCT_IDS);
                for (String id : channel.getValue()) {
                    json.writeString(id);
                }
                json.writeEndArray();
                json.writeNullField(ACCOUNT_IDS);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** The same as a byte array. */
    public static byte[] subscriptions(Map<String, ? extends Collection<String>> channels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        subscriptions(out, channels);
        return out.toByteArray();
    }

    /** {@code {"type":"error","message":...,"reason":...}}; the reason is left out when null. */
    public static void error(OutputStream out, String message, String reason) {
        JsonMessages.write(out, json -> {
            json.writeStartObject();
            json.writeStringField(TYPE, MessageTypes.ERROR);
            json.writeStringField(MESSAGE, message);
            if (reason != null) {
                json.writeStringField(REASON, reason);
            }
            json.writeEndObject();
        });
    }

    /** The same as a byte array. */
    public static byte[] error(String message, String reason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        error(out, message, reason);
        return out.toByteArray();
    }
}
