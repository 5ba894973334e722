package dev.tickerplant.sim.feed;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickerplant.sim.market.Tick;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Encodes Advanced Trade frames exactly as the live market-data host sends them (protocol reference A.4–A.6).
 *
 * <p>Every data frame is the envelope {@code {channel, client_id, timestamp, sequence_num, events}}; errors are a bare
 * {@code {"type":"error","message":...}} without a sequence number.
 */
final class AdvancedTradeFrames {

    static final String TICKER = "ticker";
    static final String TICKER_BATCH = "ticker_batch";
    static final String HEARTBEATS = "heartbeats";
    static final String SUBSCRIPTIONS = "subscriptions";
    static final String SNAPSHOT = "snapshot";
    static final String UPDATE = "update";
    /** A truncated data frame: valid UTF-8, invalid JSON. */
    private static final byte[] MALFORMED = "{\"channel\":\"ticker\",\"client_id\":\"\",\"sequence_num\":"
            .getBytes(StandardCharsets.UTF_8);

    private final boolean omitClientId;
    private final boolean heartbeatCounterAsString;
    private final Clock clock;
    private final ByteBufAllocator allocator;

    AdvancedTradeFrames(boolean omitClientId, boolean heartbeatCounterAsString, Clock clock, ByteBufAllocator allocator) {
        this.omitClientId = omitClientId;
        this.heartbeatCounterAsString = heartbeatCounterAsString;
        this.clock = clock;
        this.allocator = allocator;
    }

    /**
     * A {@code ticker} or {@code ticker_batch} frame with one event holding {@code tickers}, stamped now.
     *
     * @param withBestBidAsk false for {@code ticker_batch}, which carries no best bid/ask fields
     */
    ByteBuf tickers(String channel, String eventType, long sequenceNum, List<Tick> tickers, boolean withBestBidAsk) {
        return tickers(channel, eventType, sequenceNum, tickers, withBestBidAsk, clock.instant());
    }

    /** The same, with the envelope {@code timestamp} given (nine fractional digits). */
    ByteBuf tickers(String channel, String eventType, long sequenceNum, List<Tick> tickers, boolean withBestBidAsk,
                    Instant timestamp) {
        return envelope(channel, sequenceNum, timestamp, json -> {
            json.writeStartObject();
            json.writeStringField("type", eventType);
            json.writeArrayFieldStart("tickers");
            for (Tick tick : tickers) {
                writeTicker(json, tick, withBestBidAsk);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** The cumulative subscription ack; an empty map is written as {@code {}}. */
    ByteBuf subscriptions(long sequenceNum, Map<String, ? extends Collection<String>> subscriptions) {
        return envelope(SUBSCRIPTIONS, sequenceNum, json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("subscriptions");
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

    ByteBuf heartbeats(long sequenceNum, long counter, String currentTime) {
        return envelope(HEARTBEATS, sequenceNum, json -> {
            json.writeStartObject();
            json.writeStringField("current_time", currentTime);
            if (heartbeatCounterAsString) {
                json.writeStringField("heartbeat_counter", Long.toString(counter));
            } else {
                json.writeNumberField("heartbeat_counter", counter);
            }
            json.writeEndObject();
        });
    }

    ByteBuf error(String message) {
        return Json.toBuffer(allocator, json -> {
            json.writeStartObject();
            json.writeStringField("type", "error");
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }

    ByteBuf malformed() {
        return allocator.buffer(MALFORMED.length).writeBytes(MALFORMED);
    }

    private ByteBuf envelope(String channel, long sequenceNum, Json.Body event) {
        return envelope(channel, sequenceNum, clock.instant(), event);
    }

    private ByteBuf envelope(String channel, long sequenceNum, Instant time, Json.Body event) {
        String timestamp = WireTime.nanos(time);
        return Json.toBuffer(allocator, json -> {
            json.writeStartObject();
            json.writeStringField("channel", channel);
            if (!omitClientId) {
                json.writeStringField("client_id", "");
            }
            json.writeStringField("timestamp", timestamp);
            json.writeNumberField("sequence_num", sequenceNum);
            json.writeArrayFieldStart("events");
            event.write(json);
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** Field order of the 2026 live captures: bid, ask, then their quantities. */
    private static void writeTicker(JsonGenerator json, Tick tick, boolean withBestBidAsk) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "ticker");
        json.writeStringField("product_id", tick.productId());
        json.writeStringField("price", tick.price());
        json.writeStringField("volume_24_h", tick.volume24h());
        json.writeStringField("low_24_h", tick.low24h());
        json.writeStringField("high_24_h", tick.high24h());
        json.writeStringField("low_52_w", tick.low52w());
        json.writeStringField("high_52_w", tick.high52w());
        json.writeStringField("price_percent_chg_24_h", tick.pricePercentChange24h());
        if (withBestBidAsk) {
            json.writeStringField("best_bid", tick.bestBid());
            json.writeStringField("best_ask", tick.bestAsk());
            json.writeStringField("best_bid_quantity", tick.bestBidQuantity());
            json.writeStringField("best_ask_quantity", tick.bestAskQuantity());
        }
        json.writeEndObject();
    }
}
