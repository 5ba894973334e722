package dev.tickerplant.sim.feed;

import static dev.tickerplant.coinbase.TickerFields.AT_BEST_ASK;
import static dev.tickerplant.coinbase.TickerFields.AT_BEST_ASK_QUANTITY;
import static dev.tickerplant.coinbase.TickerFields.AT_BEST_BID;
import static dev.tickerplant.coinbase.TickerFields.AT_BEST_BID_QUANTITY;
import static dev.tickerplant.coinbase.TickerFields.AT_HIGH_24H;
import static dev.tickerplant.coinbase.TickerFields.AT_HIGH_52W;
import static dev.tickerplant.coinbase.TickerFields.AT_LOW_24H;
import static dev.tickerplant.coinbase.TickerFields.AT_LOW_52W;
import static dev.tickerplant.coinbase.TickerFields.AT_PRICE;
import static dev.tickerplant.coinbase.TickerFields.AT_PRICE_PERCENT_CHG_24H;
import static dev.tickerplant.coinbase.TickerFields.AT_VOLUME_24H;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickerplant.coinbase.Channels;
import dev.tickerplant.coinbase.Fields;
import dev.tickerplant.coinbase.MessageTypes;
import dev.tickerplant.coinbase.WireTime;
import dev.tickerplant.coinbase.message.AdvancedTradeMessages;
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
 * Encodes Advanced Trade frames exactly as the live market-data host sends them (protocol reference A.4–A.6), with
 * the wire module's envelope, ack, heartbeat and error; the ticker objects are written here from the market's ticks.
 */
final class AdvancedTradeFrames {

    static final String TICKER = Channels.TICKER;
    static final String TICKER_BATCH = Channels.TICKER_BATCH;
    static final String HEARTBEATS = Channels.HEARTBEATS;
    static final String SUBSCRIPTIONS = Channels.SUBSCRIPTIONS;
    static final String SNAPSHOT = MessageTypes.SNAPSHOT;
    static final String UPDATE = MessageTypes.UPDATE;
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
        return Buffers.write(allocator, out -> AdvancedTradeMessages.envelope(out, channel, !omitClientId,
                WireTime.nanos(timestamp), sequenceNum, json -> {
                    json.writeStartObject();
                    json.writeStringField(Fields.TYPE, eventType);
                    json.writeArrayFieldStart(Fields.TICKERS);
                    for (Tick tick : tickers) {
                        writeTicker(json, tick, withBestBidAsk);
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }));
    }

    /** The cumulative subscription ack; an empty map is written as {@code {}}. */
    ByteBuf subscriptions(long sequenceNum, Map<String, ? extends Collection<String>> subscriptions) {
        String timestamp = WireTime.nanos(clock.instant());
        return Buffers.write(allocator, out -> AdvancedTradeMessages.subscriptions(out, !omitClientId, timestamp,
                sequenceNum, subscriptions));
    }

    ByteBuf heartbeats(long sequenceNum, long counter, String currentTime) {
        String timestamp = WireTime.nanos(clock.instant());
        return Buffers.write(allocator, out -> AdvancedTradeMessages.heartbeats(out, !omitClientId, timestamp,
                sequenceNum, currentTime, counter, heartbeatCounterAsString));
    }

    ByteBuf error(String message) {
        return Buffers.write(allocator, out -> AdvancedTradeMessages.error(out, message));
    }

    ByteBuf malformed() {
        return allocator.buffer(MALFORMED.length).writeBytes(MALFORMED);
    }

    /** Field order of the 2026 live captures: bid, ask, then their quantities. */
    private static void writeTicker(JsonGenerator json, Tick tick, boolean withBestBidAsk) throws IOException {
        json.writeStartObject();
        json.writeStringField(Fields.TYPE, MessageTypes.TICKER);
        json.writeStringField(Fields.PRODUCT_ID, tick.productId());
        json.writeStringField(AT_PRICE, tick.price());
        json.writeStringField(AT_VOLUME_24H, tick.volume24h());
        json.writeStringField(AT_LOW_24H, tick.low24h());
        json.writeStringField(AT_HIGH_24H, tick.high24h());
        json.writeStringField(AT_LOW_52W, tick.low52w());
        json.writeStringField(AT_HIGH_52W, tick.high52w());
        json.writeStringField(AT_PRICE_PERCENT_CHG_24H, tick.pricePercentChange24h());
        if (withBestBidAsk) {
            json.writeStringField(AT_BEST_BID, tick.bestBid());
            json.writeStringField(AT_BEST_ASK, tick.bestAsk());
            json.writeStringField(AT_BEST_BID_QUANTITY, tick.bestBidQuantity());
            json.writeStringField(AT_BEST_ASK_QUANTITY, tick.bestAskQuantity());
        }
        json.writeEndObject();
    }
}
