package dev.tickerplant.health;

import dev.tickerplant.ingest.codec.DecodedFrame;
import dev.tickerplant.ingest.codec.FeedDecoder;
import dev.tickerplant.ingest.codec.FrameFormatException;
import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.testing.Fixtures;

/** Real Coinbase messages from src/test/resources/fixtures, decoded by the production decoders. */
final class DecodedFixtures {

    private DecodedFixtures() {
    }

    /** The first ticker of a fixture frame, as a fresh slot. */
    static TickerSlot ticker(String name, FeedDecoder decoder) {
        byte[] bytes = Fixtures.bytes(name);
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
