package dev.tickerplant.health;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tickerplant.fanout.protocol.Timestamps;
import dev.tickerplant.fanout.protocol.UntrustedText;
import dev.tickerplant.ingest.catalog.ProductSuggestions;
import dev.tickerplant.ingest.codec.AsciiField;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.ingest.ring.MarketView;
import dev.tickerplant.ingest.ring.ProductEntry;
import dev.tickerplant.ingest.ring.TickerSnapshot;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code GET /api/tickers} and {@code GET /api/tickers/{product}}: the latest accepted ticker of each product. Every
 * ticker field is written as a JSON string holding the exact bytes Coinbase sent, under the name the WebSocket
 * {@code ticker} message gives it (the wire name of the API the tick came from), and the times in its format; a field
 * the last ticker did not carry is left out.
 */
final class TickersJson {
    private static final TickField[] FIELDS = TickField.values();

    private final MarketView market;
    /** Connections come and go with the plan: names are looked up per answer. */
    private final UpstreamConductor upstream;
    private final LongSupplier epochMillis;

    TickersJson(MarketView market, UpstreamConductor upstream, LongSupplier epochMillis) {
        this.market = market;
        this.upstream = upstream;
        this.epochMillis = epochMillis;
    }

    /** Every known product, by id; those without a ticker yet have null figures. */
    FullHttpResponse all(HttpVersion version) {
        List<ProductEntry> entries = new ArrayList<>(market.followedProducts());
        entries.sort(Comparator.comparing(ProductEntry::id));
        TickerSnapshot snapshot = new TickerSnapshot();
        byte[] scratch = new byte[AsciiField.CAPACITY];
        long now = epochMillis.getAsLong();
        return Responses.json(version, HttpResponseStatus.OK, JsonBody.render(json -> {
            int withData = 0;
            json.writeStartObject();
            json.writeNumberField("count", entries.size());
            json.writeArrayFieldStart("tickers");
            for (ProductEntry entry : entries) {
                if (writeEntry(json, entry, snapshot, scratch, now)) {
                    withData++;
                }
            }
            json.writeEndArray();
            // Counted while writing, so that it agrees with the tickers above even as new ones arrive.
            json.writeNumberField("with_data", withData);
            json.writeEndObject();
        }));
    }

    /**
     * One product, named by the rule of the products setting ({@code btc} is {@code BTC-USD} in USD), or 404
     * {@code unknown_product} with the closest known ids.
     */
    FullHttpResponse one(HttpVersion version, String name) {
        ProductEntry entry = market.named(name);
        if (entry == null) {
            return unknown(version, name);
        }
        long now = epochMillis.getAsLong();
        return Responses.json(version, HttpResponseStatus.OK, JsonBody.render(json ->
                writeEntry(json, entry, new TickerSnapshot(), new byte[AsciiField.CAPACITY], now)));
    }

    private FullHttpResponse unknown(HttpVersion version, String productId) {
        List<String> known = market.followedProducts().stream().map(ProductEntry::id).toList();
        List<String> closest = ProductSuggestions.closest(productId, known);
        String message = "unknown product " + UntrustedText.quote(productId) + " (expected: one of the " + known.size()
                + " followed product ids" + (closest.isEmpty() ? "" : ", e.g. " + closest.get(0)) + ")";
        return Responses.json(version, HttpResponseStatus.NOT_FOUND, JsonBody.render(json -> {
            json.writeStartObject();
            json.writeStringField("error", "unknown_product");
            json.writeStringField("message", message);
            json.writeArrayFieldStart("closest");
            for (String id : closest) {
                json.writeString(id);
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
    }

    /** Returns whether the product had a ticker. */
    private boolean writeEntry(JsonGenerator json, ProductEntry entry, TickerSnapshot snapshot, byte[] scratch,
                               long nowMillis) throws IOException {
        boolean hasData = entry.readLatest(snapshot);
        json.writeStartObject();
        json.writeStringField("product_id", entry.id());
        json.writeNumberField("updates", entry.updates());
        json.writeNumberField("duplicates", entry.duplicates());
        if (!hasData) {
            json.writeNullField("seq");
            json.writeNullField("receive_time");
            json.writeNullField("age_ms");
            json.writeNullField("connection");
            json.writeNullField("fields");
            json.writeEndObject();
            return false;
        }
        TickerSlot ticker = snapshot.ticker;
        long receivedMillis = Math.floorDiv(snapshot.receivedEpochNanos, 1_000_000L);
        json.writeNumberField("seq", snapshot.globalSeq);
        json.writeStringField("receive_time", Timestamps.format(snapshot.receivedEpochNanos));
        json.writeNumberField("age_ms", Math.max(0, nowMillis - receivedMillis));
        String connection = upstream.session(snapshot.connectionId).map(UpstreamSession::name).orElse(null);
        if (connection == null) {
            json.writeNullField("connection");
        } else {
            json.writeStringField("connection", connection);
        }
        json.writeBooleanField("snapshot", ticker.snapshot);
        if (ticker.exchangeTimeNanos == Long.MIN_VALUE) {
            json.writeNullField("exchange_time");
        } else {
            json.writeStringField("exchange_time", Timestamps.format(ticker.exchangeTimeNanos));
        }
        JsonBody.numberOrNull(json, "sequence", ticker.exchangeSequence);
        JsonBody.numberOrNull(json, "trade_id", ticker.tradeId);
        json.writeObjectFieldStart("fields");
        boolean exchange = ticker.fromExchange();
        for (TickField field : FIELDS) {
            AsciiField value = ticker.field(field);
            if (value.isPresent()) {
                json.writeFieldName(field.nameFrom(exchange));
                int length = value.copyTo(scratch, 0);
                json.writeUTF8String(scratch, 0, length);
            }
        }
        json.writeEndObject();
        json.writeEndObject();
        return true;
    }
}
