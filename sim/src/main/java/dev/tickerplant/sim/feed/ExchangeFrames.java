package dev.tickerplant.sim.feed;

import static dev.tickerplant.coinbase.TickerFields.EX_BEST_ASK;
import static dev.tickerplant.coinbase.TickerFields.EX_BEST_ASK_SIZE;
import static dev.tickerplant.coinbase.TickerFields.EX_BEST_BID;
import static dev.tickerplant.coinbase.TickerFields.EX_BEST_BID_SIZE;
import static dev.tickerplant.coinbase.TickerFields.EX_HIGH_24H;
import static dev.tickerplant.coinbase.TickerFields.EX_LAST_SIZE;
import static dev.tickerplant.coinbase.TickerFields.EX_LOW_24H;
import static dev.tickerplant.coinbase.TickerFields.EX_OPEN_24H;
import static dev.tickerplant.coinbase.TickerFields.EX_PRICE;
import static dev.tickerplant.coinbase.TickerFields.EX_SIDE;
import static dev.tickerplant.coinbase.TickerFields.EX_TIME;
import static dev.tickerplant.coinbase.TickerFields.EX_VOLUME_24H;
import static dev.tickerplant.coinbase.TickerFields.EX_VOLUME_30D;

import dev.tickerplant.coinbase.Fields;
import dev.tickerplant.coinbase.MessageTypes;
import dev.tickerplant.coinbase.WireTime;
import dev.tickerplant.coinbase.message.ExchangeMessages;
import dev.tickerplant.coinbase.message.JsonMessages;
import dev.tickerplant.sim.market.Tick;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Encodes Exchange feed frames as the live feed sends them (protocol reference B.3–B.5): flat objects with a type.
 * The ack and errors are the wire module's; tickers and heartbeats are written here from the market's ticks.
 */
final class ExchangeFrames {

    private static final byte[] MALFORMED = "{\"type\":\"ticker\",\"sequence\":".getBytes(StandardCharsets.UTF_8);

    private final ByteBufAllocator allocator;

    ExchangeFrames(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /** A {@code ticker} in the field order of the documentation and the 2026 capture. */
    ByteBuf ticker(Tick tick) {
        return Buffers.write(allocator, out -> JsonMessages.write(out, json -> {
            json.writeStartObject();
            json.writeStringField(Fields.TYPE, MessageTypes.TICKER);
            json.writeNumberField(Fields.SEQUENCE, tick.sequence());
            json.writeStringField(Fields.PRODUCT_ID, tick.productId());
            json.writeStringField(EX_PRICE, tick.price());
            json.writeStringField(EX_OPEN_24H, tick.open24h());
            json.writeStringField(EX_VOLUME_24H, tick.volume24h());
            json.writeStringField(EX_LOW_24H, tick.low24h());
            json.writeStringField(EX_HIGH_24H, tick.high24h());
            json.writeStringField(EX_VOLUME_30D, tick.volume30d());
            json.writeStringField(EX_BEST_BID, tick.bestBid());
            json.writeStringField(EX_BEST_BID_SIZE, tick.bestBidQuantity());
            json.writeStringField(EX_BEST_ASK, tick.bestAsk());
            json.writeStringField(EX_BEST_ASK_SIZE, tick.bestAskQuantity());
            json.writeStringField(EX_SIDE, tick.side());
            json.writeStringField(EX_TIME, WireTime.micros(tick.time()));
            json.writeNumberField(Fields.TRADE_ID, tick.tradeId());
            json.writeStringField(EX_LAST_SIZE, tick.lastSize());
            json.writeEndObject();
        }));
    }

    /** A per-product {@code heartbeat} carrying the product's latest sequence and trade id. */
    ByteBuf heartbeat(Tick latest, Instant now) {
        return Buffers.write(allocator, out -> JsonMessages.write(out, json -> {
            json.writeStartObject();
            json.writeStringField(Fields.TYPE, MessageTypes.HEARTBEAT);
            json.writeNumberField(Fields.LAST_TRADE_ID, latest.tradeId());
            json.writeStringField(Fields.PRODUCT_ID, latest.productId());
            json.writeNumberField(Fields.SEQUENCE, latest.sequence());
            json.writeStringField(Fields.TIME, WireTime.micros(now));
            json.writeEndObject();
        }));
    }

    /** The cumulative ack: one entry per channel with {@code "account_ids":null}, as newer responses carry it. */
    ByteBuf subscriptions(Map<String, ? extends Collection<String>> channels) {
        return Buffers.write(allocator, out -> ExchangeMessages.subscriptions(out, channels));
    }

    /** {@code {"type":"error","message":...,"reason":...}}; the reason is left out when null. */
    ByteBuf error(String message, String reason) {
        return Buffers.write(allocator, out -> ExchangeMessages.error(out, message, reason));
    }

    ByteBuf malformed() {
        return allocator.buffer(MALFORMED.length).writeBytes(MALFORMED);
    }
}
