package dev.tickerplant.bench.jmh;

import dev.tickerplant.ingest.codec.AdvancedTradeAdapter;
import dev.tickerplant.ingest.codec.DecodedFrame;
import dev.tickerplant.ingest.codec.ExchangeFeedAdapter;
import dev.tickerplant.ingest.codec.FrameFormatException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ingest ceiling of one core: captured one-ticker frames of each dialect decoded into a reused
 * {@link DecodedFrame}. One operation is one frame, that is one tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

    private final AdvancedTradeAdapter advancedTrade = new AdvancedTradeAdapter();
    private final ExchangeFeedAdapter exchange = new ExchangeFeedAdapter();
    private final DecodedFrame frame = new DecodedFrame();
    private byte[] advancedTradeTicker;
    private byte[] exchangeTicker;

    @Setup
    public void load() {
        advancedTradeTicker = Frames.compact(Frames.ADVANCED_TRADE_TICKER);
        exchangeTicker = Frames.compact(Frames.EXCHANGE_TICKER);
    }

    @Benchmark
    public int decodeAdvancedTradeTicker() throws FrameFormatException {
        advancedTrade.decode(advancedTradeTicker, 0, advancedTradeTicker.length, frame);
        return frame.tickerCount();
    }

    @Benchmark
    public int decodeExchangeTicker() throws FrameFormatException {
        exchange.decode(exchangeTicker, 0, exchangeTicker.length, frame);
        return frame.tickerCount();
    }
}
