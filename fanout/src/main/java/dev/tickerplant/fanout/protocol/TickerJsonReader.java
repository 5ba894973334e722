package dev.tickerplant.fanout.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tickerplant.ingest.codec.FrameFormatException;
import dev.tickerplant.ingest.codec.Rfc3339;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import java.io.IOException;

/**
 * Reads a ticker object written by {@link TickerJson} back into a {@link TickerSlot}: what a fanout node does with each
 * tick an ingest node put on the bus. Every field keeps its exact bytes, so the node's own encodings (native and the
 * Coinbase-compatible ones) write what the ingest node would have written. The {@code seq} of the writer is ignored:
 * the reader's side numbers ticks itself.
 */
public final class TickerJsonReader {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private long receivedEpochNanos;

    /**
     * Fills {@code into} from one ticker object.
     *
     * @throws FrameFormatException when the bytes are not a ticker object with a product id, naming what is wrong
     */
    public void read(byte[] json, int offset, int length, TickerSlot into) throws FrameFormatException {
        into.clear();
        receivedEpochNanos = Long.MIN_VALUE;
        try (JsonParser p = JSON.createParser(json, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new FrameFormatException("ticker: expected a JSON object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "product_id" -> into.productId.set(text(p, name, value));
                    case "sequence" -> into.exchangeSequence = number(p, name, value);
                    case "trade_id" -> into.tradeId = number(p, name, value);
                    case "exchange_time" -> into.exchangeTimeNanos = time(p, value);
                    case "receive_time" -> receivedEpochNanos = time(p, value);
                    default -> {
                        TickField field = TickField.forWireName(name);
                        if (field != null && value == JsonToken.VALUE_STRING) {
                            char[] chars = p.getTextCharacters();
                            into.field(field).set(chars, p.getTextOffset(), p.getTextLength());
                        } else {
                            p.skipChildren(); // type, seq and anything a later writer adds
                        }
                    }
                }
            }
        } catch (FrameFormatException e) {
            into.clear();
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            into.clear();
            throw new FrameFormatException("ticker: " + e.getMessage());
        }
        if (!into.productId.isPresent()) {
            throw new FrameFormatException("ticker: no product_id");
        }
    }

    /** The writer's {@code receive_time} of the last object read, epoch nanos; {@link Long#MIN_VALUE} if absent. */
    public long receivedEpochNanos() {
        return receivedEpochNanos;
    }

    private static String text(JsonParser p, String name, JsonToken value) throws IOException, FrameFormatException {
        if (value != JsonToken.VALUE_STRING) {
            throw new FrameFormatException("ticker: " + name + " is not a string");
        }
        return p.getText();
    }

    private static long number(JsonParser p, String name, JsonToken value) throws IOException, FrameFormatException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new FrameFormatException("ticker: " + name + " is not an integer");
        }
        return p.getLongValue();
    }

    private static long time(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            return Long.MIN_VALUE;
        }
        return Rfc3339.parseEpochNanos(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }
}
