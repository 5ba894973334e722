package dev.tickerplant.bench.jmh;

import dev.tickerplant.ingest.codec.AdvancedTradeAdapter;
import dev.tickerplant.ingest.codec.DecodedFrame;
import dev.tickerplant.ingest.codec.ExchangeFeedAdapter;
import dev.tickerplant.ingest.codec.FeedDecoder;
import dev.tickerplant.ingest.codec.FrameFormatException;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickOrigin;
import dev.tickerplant.ingest.ring.TickRing;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one upstream event loop can push through: decode a frame, then {@code tryPublish} its ticker into the real
 * {@link TickRing}, whose consumer thread (de-duplication, global sequence, latest ticker) runs on the other core.
 * Each frame is made a new trade first (its volume or sequence digits rewritten), so the consumer accepts it as it
 * would live. The counters report ticks published and ticks the full ring dropped, per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeAndPublishBenchmark {

    @Param({"advanced-trade", "exchange"})
    public String dialect;

    private final DecodedFrame frame = new DecodedFrame();
    private final TickOrigin origin = new TickOrigin();
    private FeedDecoder decoder;
    private byte[] bytes;
    private int digitsEnd;
    private int digitsWidth;
    private long base;
    private long counter;
    private MarketState market;
    private TickRing ring;

    /** Published and dropped ticks; JMH reports each as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Outcome {
        public long published;
        public long dropped;
    }

    @Setup(Level.Trial)
    public void start() {
        if (dialect.equals("exchange")) {
            decoder = new ExchangeFeedAdapter();
            bytes = Frames.compact(Frames.EXCHANGE_TICKER);
            int at = Frames.valueIndex(bytes, "sequence");
            digitsWidth = 12; // the product sequence: counting up from the captured one, always newer
            digitsEnd = at + digitsWidth;
            base = 137_212_619_516L;
            market = new MarketState(List.of("BTC-USD"));
        } else {
            decoder = new AdvancedTradeAdapter();
            bytes = Frames.compact(Frames.ADVANCED_TRADE_TICKER);
            int at = Frames.valueIndex(bytes, "volume_24_h");
            digitsWidth = 4; // "14174.4213": the four fractional digits make each content differ from the last 256
            digitsEnd = at + "14174.4213".length();
            market = new MarketState(List.of("BTC-PERP-INTX"));
        }
        ThreadFactory consumerThread = r -> {
            Thread t = new Thread(r, "tick-consumer");
            t.setDaemon(true);
            return t;
        };
        ring = new TickRing(65_536, market, consumerThread);
        ring.start();
    }

    @TearDown(Level.Trial)
    public void stop() {
        ring.close();
    }

    @Benchmark
    public boolean decodeAndPublish(Outcome outcome) throws FrameFormatException {
        Frames.writeDigits(bytes, digitsEnd, digitsWidth, base + ++counter);
        origin.receivedNanos = System.nanoTime();
        decoder.decode(bytes, 0, bytes.length, frame);
        boolean published = ring.tryPublish(frame.ticker(0), origin);
        if (published) {
            outcome.published++;
        } else {
            outcome.dropped++;
        }
        return published;
    }
}
