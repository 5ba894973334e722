package dev.tickerplant.bench.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The captured Coinbase frames the benchmarks decode, compacted to one line as the live feeds send them, and a way
 * to make each decoded frame a different tick (so the ring's de-duplication sees new data, as it would live).
 */
final class Frames {

    static final String ADVANCED_TRADE_TICKER = "advanced-trade-ticker-update.json";
    static final String EXCHANGE_TICKER = "exchange-ticker.json";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private Frames() {
    }

    /** A bundled capture, whitespace removed, field order and values kept byte for byte. */
    static byte[] compact(String resource) {
        try (InputStream in = Frames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource " + resource);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonParser parser = JSON.createParser(in); JsonGenerator generator = JSON.createGenerator(out)) {
                while (parser.nextToken() != null) {
                    generator.copyCurrentEvent(parser);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Index of the first byte of the value of {@code "name":} (after an opening quote for strings). */
    static int valueIndex(byte[] frame, String name) {
        byte[] key = ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + key.length < frame.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (frame[i + j] != key[j]) {
                    continue outer;
                }
            }
            int at = i + key.length;
            return frame[at] == '"' ? at + 1 : at;
        }
        throw new IllegalArgumentException("no field " + name + " in " + new String(frame, StandardCharsets.UTF_8));
    }

    /** Overwrites the {@code width} decimal digits ending just before {@code end} with {@code value} (mod 10^width). */
    static void writeDigits(byte[] frame, int end, int width, long value) {
        long v = value;
        for (int i = end - 1; i >= end - width; i--) {
            frame[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
    }
}
