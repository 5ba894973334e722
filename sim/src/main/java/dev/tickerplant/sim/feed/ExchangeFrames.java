package dev.tickerplant.sim.feed;

import dev.tickerplant.sim.market.Tick;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Encodes Exchange feed frames as the live feed sends them (protocol reference B.3–B.5): flat objects with a type. */
final class ExchangeFrames {

    private static final byte[] MALFORMED = "{\"type\":\"ticker\",\"sequence\":".getBytes(StandardCharsets.UTF_8);

    private final ByteBufAllocator allocator;

    ExchangeFrames(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /** A {@code ticker} in the field order of the documentation and the 2026 capture. */
    ByteBuf ticker(Tick tick) {
        return Json.toBuffer(allocator, json -> {
            json.writeStartObject();
            json.writeStringField("type", "ticker");
            json.writeNumberField("sequence", tick.sequence());
            json.writeStringField("product_id", tick.productId());
            json.writeStringField("price", tick.price());
            json.writeStringField("open_24h", tick.open24h());
            json.writeStringField("volume_24h", tick.volume24h());
            json.writeStringField("low_24h", tick.low24h());
            json.writeStringField("high_24h", tick.high24h());
            json.writeStringField("volume_30d", tick.volume30d());
            json.writeStringField("best_bid", tick.bestBid());
            json.writeStringField("best_bid_size", tick.bestBidQuantity());
            json.writeStringField("best_ask", tick.bestAsk());
            json.writeStringField("best_ask_size", tick.bestAskQuantity());
            json.writeStringField("side", tick.side());
            json.writeStringField("time", WireTime.micros(tick.time()));
            json.writeNumberField("trade_id", tick.tradeId());
            json.writeStringField("last_size", tick.lastSize());
            json.writeEndObject();
        });
    }

    /** A per-product {@code heartbeat} carrying the product's latest sequence and trade id. */
    ByteBuf heartbeat(Tick latest, Instant now) {
        return Json.toBuffer(allocator, json -> {
            json.writeStartObject();
            json.writeStringField("type", "heartbeat");
            json.writeNumberField("last_trade_id", latest.tradeId());
            json.writeStringField("product_id", latest.productId());
            json.writeNumberField("sequence", latest.sequence());
            json.writeStringField("time", WireTime.micros(now));
            json.writeEndObject();
        });
    }

    /** The cumulative ack: one entry per channel with {@code "account_ids":null}, as newer responses carry it. */
    ByteBuf subscriptions(Map<String, ? extends Collection<String>> channels) {
        return Json.toBuffer(allocator, json -> {
            json.writeStartObject();
            json.writeStringField("type", "subscriptions");
            json.writeArrayFieldStart("channels");
            for (Map.Entry<String, ? extends Collection<String>> channel : channels.entrySet()) {
                json.writeStartObject();
                json.writeStringField("name", channel.getKey());
                json.writeArrayFieldStart("product_ids");
                for (String id : channel.getValue()) {
                    json.writeString(id);
                }
                json.writeEndArray();
                json.writeNullField("account_ids");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** {@code {"type":"error","message":...,"reason":...}}; the reason is left out when null. */
    ByteBuf error(String message, String reason) {
        return Json.toBuffer(allocator, json -> {
            json.writeStartObject();
            json.writeStringField("type", "error");
            json.writeStringField("message", message);
            if (reason != null) {
                json.writeStringField("reason", reason);
            }
            json.writeEndObject();
        });
    }

    ByteBuf malformed() {
        return allocator.buffer(MALFORMED.length).writeBytes(MALFORMED);
    }
}
