package dev.tickerplant.health;

import dev.tickerplant.ingest.codec.DecodedFrame;
import dev.tickerplant.ingest.codec.FeedDecoder;
import dev.tickerplant.ingest.codec.FrameFormatException;
import dev.tickerplant.ingest.codec.TickerSlot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Real Coinbase messages from src/test/resources/fixtures, decoded by the production decoders. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("fixture: " + name + " (expected: a file in src/test/resources/fixtures)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first ticker of a fixture frame, as a fresh slot. */
    static TickerSlot ticker(String name, FeedDecoder decoder) {
        byte[] bytes = bytes(name);
        DecodedFrame frame = new DecodedFrame();
        try {
            decoder.decode(bytes, 0, bytes.length, frame);
        } catch (FrameFormatException e) {
            throw new IllegalStateException("fixture " + name + " does not decode: " + e.getMessage(), e);
        }
        TickerSlot slot = new TickerSlot();
        slot.copyFrom(frame.ticker(0));
        return slot;
    }
}
