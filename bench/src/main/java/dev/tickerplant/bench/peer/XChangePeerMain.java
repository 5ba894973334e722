package dev.tickerplant.bench.peer;

import dev.tickerplant.bench.json.Json;
import dev.tickerplant.bench.process.ProductsFileOption;
import dev.tickerplant.bench.stats.HistogramCodec;
import dev.tickerplant.bench.subscriber.EpochClock;
import dev.tickerplant.bench.subscriber.Rfc3339;
import dev.tickerplant.sim.cli.CommandLines;
import info.bitrich.xchangestream.coinbasepro.CoinbaseProStreamingExchange;
import info.bitrich.xchangestream.coinbasepro.CoinbaseProStreamingMarketDataService;
import info.bitrich.xchangestream.coinbasepro.dto.CoinbaseProWebSocketTransaction;
import info.bitrich.xchangestream.core.ProductSubscription;
import info.bitrich.xchangestream.core.StreamingExchange;
import info.bitrich.xchangestream.core.StreamingExchangeFactory;
import io.reactivex.rxjava3.disposables.Disposable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.coinbasepro.CoinbaseProAdapters;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.marketdata.Ticker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The peer: XChange-stream's Coinbase Exchange client following the same products on the simulator, as an
 * application would use it. Each ticker goes through XChange's own pipeline (JSON into its transaction object, RxJava,
 * {@code CoinbaseProAdapters.adaptTicker}: exactly what {@code getTicker} does) and the callback records the time from
 * the frame's {@code time} (the simulator's intended send time) to the callback. The chain is spelled out here only to
 * keep the {@code time} string, which XChange's {@link Ticker} rounds to milliseconds.
 *
 * <pre>
 * java -cp tickerplant-bench.jar dev.tickerplant.bench.peer.XChangePeerMain \
 *      --url ws://127.0.0.1:P/exchange --rest http://127.0.0.1:P --products-file products.txt
 * READY products=300
 * reset | report | quit        (as the subscriber process)
 * </pre>
 */
public final class XChangePeerMain {

    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Recorder latency = new Recorder(HIGHEST_NANOS, 3);
    private final LongAdder tickers = new LongAdder();
    private final EpochClock clock = new EpochClock();
    private volatile long windowStartNanos = System.nanoTime();

    private XChangePeerMain() {
    }

    public static void main(String[] args) {
        CommandLines.runAndExit(new Arguments(), args);
    }

    /** The peer's command line. */
    @Command(name = "peer", mixinStandardHelpOptions = true, versionProvider = CommandLines.ManifestVersion.class,
            description = "XChange-stream's Coinbase Exchange client following the products on the simulator; "
                    + "answers reset, report and quit on standard input.")
    static final class Arguments implements Callable<Integer> {

        @Option(names = "--url", paramLabel = "URL", required = true,
                description = "The simulator's Exchange WebSocket, e.g. ws://127.0.0.1:8900/exchange.")
        private String url;

        @Option(names = "--rest", paramLabel = "URL",
                description = "The simulator's REST base URL, so that nothing ever goes to Coinbase.")
        private String rest;

        @Mixin
        private ProductsFileOption products;

        @Override
        public Integer call() throws Exception {
            new XChangePeerMain().run(url, rest, products.productIds());
            return 0;
        }
    }

    private void run(String url, String rest, List<String> productIds) throws Exception {
        ExchangeSpecification spec = new ExchangeSpecification(CoinbaseProStreamingExchange.class);
        spec.setOverrideWebsocketApiUri(url);
        if (rest != null) {
            spec.setSslUri(rest); // no REST call is made without credentials or metadata loading, but never Coinbase's
        }
        spec.setShouldLoadRemoteMetaData(false);
        StreamingExchange exchange = StreamingExchangeFactory.INSTANCE.createExchange(spec);
        List<CurrencyPair> pairs = new ArrayList<>();
        ProductSubscription.ProductSubscriptionBuilder subscription = ProductSubscription.create();
        for (String id : productIds) {
            String[] parts = id.split("-", 2);
            CurrencyPair pair = new CurrencyPair(parts[0], parts[1]);
            pairs.add(pair);
            subscription.addTicker(pair);
        }
        exchange.connect(subscription.build()).blockingAwait(30, TimeUnit.SECONDS);
        CoinbaseProStreamingMarketDataService market =
                (CoinbaseProStreamingMarketDataService) exchange.getStreamingMarketDataService();
        List<Disposable> streams = new ArrayList<>();
        for (CurrencyPair pair : pairs) {
            streams.add(market.getRawWebSocketTransactions(pair, true)
                    .filter(t -> "ticker".equals(t.getType()))
                    .map(t -> new Stamped(t, CoinbaseProAdapters.adaptTicker(t.toCoinbaseProProductTicker(),
                            t.toCoinbaseProProductStats(), pair)))
                    .subscribe(this::onTicker, e -> System.out.println("ERROR stream failed: " + e)));
        }
        System.out.println("READY products=" + pairs.size());
        System.out.flush();
        try {
            serveCommands();
        } finally {
            streams.forEach(Disposable::dispose);
            exchange.disconnect().blockingAwait(5, TimeUnit.SECONDS);
        }
    }

    /** A ticker as the application sees it, plus the frame's {@code time} it came from. */
    private record Stamped(CoinbaseProWebSocketTransaction raw, Ticker ticker) {
    }

    private void onTicker(Stamped stamped) {
        long now = clock.nowNanos();
        tickers.increment();
        long intended = Rfc3339.epochNanos(stamped.raw().getTime());
        if (intended != Long.MIN_VALUE && stamped.ticker().getLast() != null) {
            latency.recordValue(Math.min(Math.max(now - intended, 0), HIGHEST_NANOS));
        }
    }

    private void serveCommands() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "reset" -> {
                    latency.getIntervalHistogram();
                    tickers.reset();
                    windowStartNanos = System.nanoTime();
                    System.out.println("RESET");
                }
                case "report" -> {
                    long now = System.nanoTime();
                    Map<String, Object> report = new LinkedHashMap<>();
                    report.put("window_s", (now - windowStartNanos) / 1e9);
                    report.put("tickers", tickers.sumThenReset());
                    report.put("callback", HistogramCodec.encode(latency.getIntervalHistogram()));
                    windowStartNanos = now;
                    System.out.println("REPORT " + Json.compact(report));
                }
                case "quit" -> {
                    return;
                }
                default -> System.out.println("ERROR unknown command '" + line + "' (expected: reset, report, quit)");
            }
            System.out.flush();
        }
    }
}
