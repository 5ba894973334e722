package dev.tickerplant.fanout.protocol;

import dev.tickerplant.ingest.codec.AdvancedTradeAdapter;
import dev.tickerplant.ingest.codec.DecodedFrame;
import dev.tickerplant.ingest.codec.ExchangeFeedAdapter;
import dev.tickerplant.ingest.codec.FeedDecoder;
import dev.tickerplant.ingest.codec.FrameFormatException;
import dev.tickerplant.ingest.codec.TickerSlot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Coinbase sample messages under {@code src/test/resources/fixtures/}, decoded with the ingest adapters. */
public final class Fixtures {
    private Fixtures() {
    }

    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first ticker of an Advanced Trade ({@code advanced}) or Exchange fixture, as the daemon decodes it. */
    public static TickerSlot ticker(String name, boolean advanced) {
        byte[] bytes = text(name).getBytes(StandardCharsets.UTF_8);
        FeedDecoder decoder = advanced ? new AdvancedTradeAdapter() : new ExchangeFeedAdapter();
        DecodedFrame frame = new DecodedFrame();
        try {
            decoder.decode(bytes, 0, bytes.length, frame);
        } catch (FrameFormatException e) {
            throw new IllegalStateException("fixture " + name + " does not decode", e);
        }
        TickerSlot copy = new TickerSlot();
        copy.copyFrom(frame.ticker(0));
        return copy;
    }
}
