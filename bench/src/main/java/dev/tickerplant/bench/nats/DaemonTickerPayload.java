package dev.tickerplant.bench.nats;

import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.TickerJson;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.sim.market.Tick;
import java.time.Instant;

/**
 * A simulated trade as the daemon hands it to its subscribers: the Advanced Trade fields the simulator sends for a
 * ticker update, written by the daemon's own encoder ({@link TickerJson}), so nats-server carries byte for byte the
 * payload tickerplant delivers (about 400 bytes), with the trade's intended time as {@code exchange_time} and the
 * publisher's send time as {@code receive_time}. Reused from tick to tick; not thread-safe.
 */
final class DaemonTickerPayload {

    private final TickerSlot slot = new TickerSlot();
    private final JsonBytes json = new JsonBytes(512);

    /** The payload of {@code tick}; valid until the next call. */
    JsonBytes encode(Tick tick, long seq, long sentEpochNanos) {
        slot.clear();
        slot.productId.set(tick.productId());
        slot.field(TickField.PRICE).set(tick.price());
        slot.field(TickField.VOLUME_24H).set(tick.volume24h());
        slot.field(TickField.LOW_24H).set(tick.low24h());
        slot.field(TickField.HIGH_24H).set(tick.high24h());
        slot.field(TickField.LOW_52W).set(tick.low52w());
        slot.field(TickField.HIGH_52W).set(tick.high52w());
        slot.field(TickField.PRICE_PERCENT_CHG_24H).set(tick.pricePercentChange24h());
        slot.field(TickField.BEST_BID).set(tick.bestBid());
        slot.field(TickField.BEST_BID_QUANTITY).set(tick.bestBidQuantity());
        slot.field(TickField.BEST_ASK).set(tick.bestAsk());
        slot.field(TickField.BEST_ASK_QUANTITY).set(tick.bestAskQuantity());
        slot.exchangeTimeNanos = epochNanos(tick.time());
        json.reset();
        TickerJson.write(json, slot, seq, sentEpochNanos);
        return json;
    }

    private static long epochNanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }
}
