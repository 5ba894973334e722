package dev.tickerplant.coinbase.message;

import static dev.tickerplant.coinbase.Fields.CHANNEL;
import static dev.tickerplant.coinbase.Fields.CLIENT_ID;
import static dev.tickerplant.coinbase.Fields.CURRENT_TIME;
import static dev.tickerplant.coinbase.Fields.EVENTS;
import static dev.tickerplant.coinbase.Fields.HEARTBEAT_COUNTER;
import static dev.tickerplant.coinbase.Fields.MESSAGE;
import static dev.tickerplant.coinbase.Fields.SEQUENCE_NUM;
import static dev.tickerplant.coinbase.Fields.SUBSCRIPTIONS;
import static dev.tickerplant.coinbase.Fields.TIMESTAMP;
import static dev.tickerplant.coinbase.Fields.TYPE;

import dev.tickerplant.coinbase.Channels;
import dev.tickerplant.coinbase.MessageTypes;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.Map;

/**
 * Advanced Trade server messages (protocol reference A.4–A.6). Every data message is the envelope
 * {@code {channel, client_id, timestamp, sequence_num, events}}; errors are a bare {@code {"type":"error","message":...}}
 * without a sequence number. Control messages are rare, so these allocate freely.
 */
public final class AdvancedTradeMessages {

    private AdvancedTradeMessages() {
    }

    /**
     * One envelope around the event objects {@code events} writes into the {@code events} array.
     *
     * @param withClientId false to leave out {@code client_id}, as some live frames do
     * @param timestamp    RFC 3339, as the server renders it
     */
    public static void envelope(OutputStream out, String channel, boolean withClientId, String timestamp,
                                long sequenceNum, JsonBody events) {
        JsonMessages.write(out, json -> {
            json.writeStartObject();
            json.writeStringField(CHANNEL, channel);
            if (withClientId) {
                json.writeStringField(CLIENT_ID, "");
            }
            json.writeStringField(TIMESTAMP, timestamp);
            json.writeNumberField(SEQUENCE_NUM, sequenceNum);
            json.writeArrayFieldStart(EVENTS);
            events.write(json);
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** The cumulative {@code subscriptions} ack: channel → product ids; an empty map is written as {@code {}}. */
    public static void subscriptions(OutputStream out, boolean withClientId, String timestamp, long sequenceNum,
                                     Map<String, ? extends Collection<String>> subscriptions) {
        envelope(out, Channels.SUBSCRIPTIONS, withClientId, timestamp, sequenceNum, json -> {
            json.writeStartObject();
            json.writeObjectFieldStart(SUBSCRIPTIONS);
            for (Map.Entry<String, ? extends Collection<String>> entry : subscriptions.entrySet()) {
                json.writeArrayFieldStart(entry.getKey());
                for (String id : entry.getValue()) {
                    json.writeString(id);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** The same, with {@code client_id}, as a byte array. */
    public static byte[] subscriptions(String timestamp, long sequenceNum,
                                       Map<String, ? extends Collection<String>> subscriptions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        subscriptions(out, true, timestamp, sequenceNum, subscriptions);
        return out.toByteArray();
    }

    /**
     * A {@code heartbeats} message.
     *
     * @param currentTime     Go's {@code time.Time.String()}, see {@link dev.tickerplant.coinbase.WireTime#go}
     * @param counterAsString true to send {@code heartbeat_counter} as a string, as some live frames do
     */
    public static void heartbeats(OutputStream out, boolean withClientId, String timestamp, long sequenceNum,
                                  String currentTime, long counter, boolean counterAsString) {
        envelope(out, Channels.HEARTBEATS, withClientId, timestamp, sequenceNum, json -> {
            json.writeStartObject();
            json.writeStringField(CURRENT_TIME, currentTime);
            if (counterAsString) {
                json.writeStringField(HEARTBEAT_COUNTER, Long.toString(counter));
            } else {
                json.writeNumberField(HEARTBEAT_COUNTER, counter);
            }
            json.writeEndObject();
        });
    }

    /** {@code {"type":"error","message":...}}: no channel and no {@code sequence_num}, as Coinbase sends errors. */
    public static void error(OutputStream out, String message) {
        JsonMessages.write(out, json -> {
            json.writeStartObject();
            json.writeStringField(TYPE, MessageTypes.ERROR);
            json.writeStringField(MESSAGE, message);
            json.writeEndObject();
        });
    }

    /** The same as a byte array. */
    public static byte[] error(String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        error(out, message);
        return out.toByteArray();
    }
}
