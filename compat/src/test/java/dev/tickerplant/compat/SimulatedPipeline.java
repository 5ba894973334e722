package dev.tickerplant.compat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.fanout.FanoutOptions;
import dev.tickerplant.fanout.FanoutServer;
import dev.tickerplant.ingest.catalog.Product;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.plan.ShardPlanner;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickEvent;
import dev.tickerplant.ingest.ring.TickListener;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.ingest.upstream.Backoff;
import dev.tickerplant.ingest.upstream.RateLimiter;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamOptions;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole path a third-party client sees: the simulator as Coinbase, real upstream sessions, ring, market and the
 * fanout server with its Coinbase-compatible endpoints. Every tick the market accepts is recorded, so a test can tell
 * which accepted tick (and seq) a client's ticker is.
 */
final class SimulatedPipeline implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    /** One accepted tick as Coinbase's fields carried it. */
    record Accepted(long seq, String price, String volume, String bid, String ask) {
        /** Same numbers as these strings (clients that parse decimals may print them differently). */
        boolean sameNumbers(String otherPrice, String otherVolume) {
            return same(price, otherPrice) && same(volume, otherVolume);
        }

        private static boolean same(String a, String b) {
            return a != null && b != null && new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        }
    }

    final Simulator sim;
    final List<String> products;
    final MarketState market;
    final TickRing ring;
    final UpstreamConductor upstream;
    final FanoutServer server;
    private final Map<String, List<Accepted>> accepted = new ConcurrentHashMap<>();

    SimulatedPipeline(CoinbaseProtocol protocol, int productCount) {
        sim = Simulator.start(SimulatorOptions.defaults().withTickRate(300).withSeed(5));
        List<Product> chosen = sim.catalog().products().stream()
                .filter(p -> p.tickWeight() > 0 && p.alias().isEmpty() && p.id().endsWith("-USD"))
                .sorted(Comparator.comparing(dev.tickerplant.sim.market.Product::quoteVolume24h).reversed())
                .limit(productCount)
                .map(p -> new Product(p.id(), p.baseCurrency(), p.quoteCurrency(), true, true, "",
                        p.quoteVolume24h()))
                .toList();
        products = chosen.stream().map(Product::id).toList();
        market = new MarketState(products);
        market.addListener(new Recorder());
        ring = new TickRing(1 << 14, market, new DefaultThreadFactory("tick-consumer", true));
        ring.start();
        upstream = new UpstreamConductor(new ShardPlanner().plan(chosen, Math.max(1, (productCount + 1) / 2), Set.of()),
                new UpstreamOptions(protocol == CoinbaseProtocol.EXCHANGE ? sim.exchangeUri() : sim.advancedTradeUri(),
                        protocol, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10),
                        Duration.ofSeconds(20), Duration.ofSeconds(60), 1 << 20, Duration.ofSeconds(10)),
                Optional.empty(), ring, new RateLimiter("connect", 8, System::nanoTime),
                new RateLimiter("subscribe", 8, System::nanoTime),
                Backoff.exponential(Duration.ofMillis(50), Duration.ofMillis(200), 2.0), () -> null, 1);
        server = new FanoutServer(FanoutOptions.defaults().withHost("127.0.0.1").withPort(0), market, upstream, null,
                CompatEndpoints.all(CompatOptions.defaults()));
        server.start();
        upstream.start();
        await().untilAsserted(() -> assertTrue(upstream.streamingCount() == upstream.sessions().size(),
                () -> upstream.streamingCount() + " of " + upstream.sessions().size() + " connections streaming"));
    }

    /** The endpoint's URL, as a client configuration would name it. */
    String url(CoinbaseProtocol protocol) {
        return "ws://127.0.0.1:" + server.port() + CompatPaths.of(protocol);
    }

    /**
     * Resets every upstream connection in the simulator (TCP reset) and waits until each has reconnected and streams
     * again; returns the market's last seq at that point: ticks numbered above it came over the new connections.
     */
    long resetUpstreamAndAwaitRecovery() {
        long[] before = upstream.sessions().stream().mapToLong(s -> s.stats().reconnects.sum()).toArray();
        sim.faults().resetAll();
        await().untilAsserted(() -> assertTrue(reconnectedAndStreaming(before),
                () -> "upstream not reconnected: " + upstream.streamingCount() + " streaming"));
        return market.lastSeq();
    }

    private boolean reconnectedAndStreaming(long[] reconnectsBefore) {
        List<UpstreamSession> sessions = upstream.sessions();
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).stats().reconnects.sum() <= reconnectsBefore[i] || !sessions.get(i).stats().streaming()) {
                return false;
            }
        }
        return true;
    }

    /** The accepted tick of this product with these numbers, newest first; empty when there is none. */
    Optional<Accepted> find(String product, String price, String volume) {
        List<Accepted> list = accepted.getOrDefault(product, List.of());
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).sameNumbers(price, volume)) {
                return Optional.of(list.get(i));
            }
        }
        return Optional.empty();
    }

    /** The newest accepted tick of the product, or null. */
    Accepted latest(String product) {
        List<Accepted> list = accepted.getOrDefault(product, List.of());
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }

    @Override
    public void close() {
        server.close(Duration.ofSeconds(2));
        upstream.close(2000);
        ring.close();
        sim.close();
    }

    /** Records every accepted tick, on the consumer thread. */
    private final class Recorder implements TickListener {
        @Override
        public void onTick(TickEvent event) {
            accepted.computeIfAbsent(event.ticker.productId.toString(), p -> new CopyOnWriteArrayList<>())
                    .add(new Accepted(event.globalSeq, field(event, TickField.PRICE), field(event, TickField.VOLUME_24H),
                            field(event, TickField.BEST_BID), field(event, TickField.BEST_ASK)));
        }

        private static String field(TickEvent event, TickField f) {
            return event.ticker.field(f).isPresent() ? event.ticker.field(f).toString() : null;
        }
    }
}
