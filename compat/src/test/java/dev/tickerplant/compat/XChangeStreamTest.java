package dev.tickerplant.compat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.fanout.SubscriberView;
import dev.tickerplant.testing.EndToEnd;
import info.bitrich.xchangestream.coinbasepro.CoinbaseProStreamingExchange;
import info.bitrich.xchangestream.core.ProductSubscription;
import info.bitrich.xchangestream.core.StreamingExchange;
import info.bitrich.xchangestream.core.StreamingExchangeFactory;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.marketdata.Ticker;

/**
 * XChange-stream's Coinbase Exchange client (org.knowm.xchange:xchange-stream-coinbasepro), configured as an application
 * would be for Coinbase with only its WebSocket URL changed, follows tickers from tickerplant's {@code
 * /coinbase/exchange}, with tickerplant ingesting the Exchange feed and, the cross-protocol case, Advanced Trade (whose
 * ticks lack some Exchange fields, which are then left out).
 */
@EndToEnd
class XChangeStreamTest {

    @ParameterizedTest(name = "tickerplant ingesting {0}")
    @EnumSource(CoinbaseProtocol.class)
    void receivesCorrectTickersForExactlyItsProductsAndKeepsThemComingAcrossAnUpstreamReconnect(
            CoinbaseProtocol upstream) {
        try (SimulatedPipeline pipeline = new SimulatedPipeline(upstream, 6)) {
            List<String> wanted = pipeline.products.subList(0, 3);
            ExchangeSpecification spec = new ExchangeSpecification(CoinbaseProStreamingExchange.class);
            spec.setOverrideWebsocketApiUri(pipeline.url(CoinbaseProtocol.EXCHANGE));
            spec.setSslUri("http://127.0.0.1:" + pipeline.sim.port()); // no REST call is made; never Coinbase's
            spec.setShouldLoadRemoteMetaData(false);
            StreamingExchange exchange = StreamingExchangeFactory.INSTANCE.createExchange(spec);
            ProductSubscription.ProductSubscriptionBuilder subscription = ProductSubscription.create();
            List<CurrencyPair> pairs = new ArrayList<>();
            for (String id : wanted) {
                CurrencyPair pair = new CurrencyPair(id.replace('-', '/'));
                pairs.add(pair);
                subscription.addTicker(pair);
            }
            exchange.connect(subscription.build()).blockingAwait(30, TimeUnit.SECONDS);

            Map<String, List<Long>> seqsByProduct = new ConcurrentHashMap<>();
            Map<String, Ticker> lastByProduct = new ConcurrentHashMap<>();
            List<String> problems = new CopyOnWriteArrayList<>();
            List<Disposable> streams = new ArrayList<>();
            for (CurrencyPair pair : pairs) {
                streams.add(exchange.getStreamingMarketDataService().getTicker(pair).subscribe(ticker -> {
                    String product = ticker.getInstrument().toString().replace('/', '-');
                    Optional<SimulatedPipeline.Accepted> match = pipeline.find(product,
                            ticker.getLast().toPlainString(), ticker.getVolume().toPlainString());
                    if (!wanted.contains(product)) {
                        problems.add("ticker for " + product + ", which was not asked for");
                    } else if (match.isEmpty()) {
                        problems.add("ticker " + ticker + " is no tick the market accepted");
                    } else {
                        seqsByProduct.computeIfAbsent(product, p -> new CopyOnWriteArrayList<>()).add(match.get().seq());
                        lastByProduct.put(product, ticker);
                    }
                }, error -> problems.add("stream failed: " + error)));
            }
            try {
                await()
                        .untilAsserted(() -> assertTrue(seqsByProduct.keySet().containsAll(wanted),
                        () -> "tickers so far for " + seqsByProduct.keySet() + "; problems " + problems));

                long reconnectedAt = pipeline.resetUpstreamAndAwaitRecovery();
                await().untilAsserted(() -> assertTrue(wanted.stream().allMatch(p -> seqsByProduct.get(p).stream()
                        .anyMatch(seq -> seq > reconnectedAt)), () -> "no ticker since the upstream reconnect (seq "
                        + reconnectedAt + ") for some of " + wanted + "; problems " + problems));

                // Once the market stops, each product's last ticker is the market's latest one.
                pipeline.sim.pauseTicks();
                await().untilAsserted(() -> assertTrue(wanted.stream().allMatch(p -> {
                    Ticker last = lastByProduct.get(p);
                    SimulatedPipeline.Accepted latest = pipeline.latest(p);
                    return last != null && latest.sameNumbers(last.getLast().toPlainString(),
                            last.getVolume().toPlainString());
                }), () -> "last tickers " + lastByProduct + " are not the market's latest"));

                assertEquals(List.of(), problems);
                for (String product : wanted) {
                    List<Long> seqs = seqsByProduct.get(product);
                    for (int i = 1; i < seqs.size(); i++) {
                        assertTrue(seqs.get(i) > seqs.get(i - 1), product + " out of order: " + seqs);
                    }
                }
                List<SubscriberView> views = pipeline.server.view().subscribers();
                assertEquals(1, views.size());
                assertEquals("exchange", views.get(0).protocol());
                assertEquals(wanted.stream().map(p -> "ticker:" + p).collect(Collectors.toSet()),
                        Set.copyOf(views.get(0).subscriptions()));
            } finally {
                streams.forEach(Disposable::dispose);
                exchange.disconnect().blockingAwait(5, TimeUnit.SECONDS);
            }
        }
    }
}
