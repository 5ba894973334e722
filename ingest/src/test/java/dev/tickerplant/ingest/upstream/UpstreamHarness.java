package dev.tickerplant.ingest.upstream;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.ingest.catalog.AdvancedTradeCatalogSource;
import dev.tickerplant.ingest.catalog.CatalogUnavailableException;
import dev.tickerplant.ingest.catalog.Product;
import dev.tickerplant.ingest.catalog.ProductCatalog;
import dev.tickerplant.ingest.catalog.ProductSelector;
import dev.tickerplant.ingest.catalog.Selection;
import dev.tickerplant.ingest.plan.ShardPlan;
import dev.tickerplant.ingest.plan.ShardPlanner;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.sim.feed.SimConnection;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The real ingest path against the embedded simulator: REST catalog → plan → sessions → ring → market state. */
final class UpstreamHarness implements AutoCloseable {
    final Simulator sim;
    final ShardPlan plan;
    final MarketState market;
    final TickRing ring;
    final UpstreamConductor conductor;

    UpstreamHarness(SimulatorOptions simOptions, Selection selection, int perConnection, Duration watchdog) {
        this(simOptions, selection, perConnection, watchdog, CoinbaseProtocol.ADVANCED_TRADE, Optional.empty(),
                () -> null);
    }

    UpstreamHarness(SimulatorOptions simOptions, Selection selection, int perConnection, Duration watchdog,
                    CoinbaseProtocol protocol, Optional<java.nio.file.Path> trustCert,
                    java.util.function.Supplier<String> jwt) {
        this(simOptions, selection, perConnection, watchdog, protocol, trustCert, jwt, 1);
    }

    UpstreamHarness(SimulatorOptions simOptions, Selection selection, int perConnection, Duration watchdog,
                    CoinbaseProtocol protocol, Optional<java.nio.file.Path> trustCert,
                    java.util.function.Supplier<String> jwt, int redundancy) {
        this(simOptions, selection, perConnection, watchdog, protocol, trustCert, jwt, redundancy,
                Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0));
    }

    UpstreamHarness(SimulatorOptions simOptions, Selection selection, int perConnection, Backoff backoff) {
        this(simOptions, selection, perConnection, Duration.ofSeconds(5), CoinbaseProtocol.ADVANCED_TRADE,
                Optional.empty(), () -> null, 1, backoff);
    }

    UpstreamHarness(SimulatorOptions simOptions, Selection selection, int perConnection, Duration watchdog,
                    CoinbaseProtocol protocol, Optional<java.nio.file.Path> trustCert,
                    java.util.function.Supplier<String> jwt, int redundancy, Backoff backoff) {
        sim = Simulator.start(simOptions);
        try {
            ProductCatalog catalog = simOptions.tls()
                    ? ProductCatalog.of(sim.catalog().products().stream()
                            .map(p -> new Product(p.id(), p.baseCurrency(), p.quoteCurrency(), true, true, "",
                                    p.quoteVolume24h())).toList())
                    : new AdvancedTradeCatalogSource(sim.restBaseUri()).fetch();
            List<Product> products = new ProductSelector().select(catalog, selection);
            plan = new ShardPlanner().plan(products, perConnection, Set.of());
        } catch (CatalogUnavailableException e) {
            sim.close();
            throw new IllegalStateException(e);
        }
        market = new MarketState(plan.shards().stream().flatMap(s -> s.productIds().stream()).toList());
        ring = new TickRing(1 << 16, market, new DefaultThreadFactory("test-consumer", true));
        ring.start();
        java.net.URI uri = protocol == CoinbaseProtocol.EXCHANGE ? sim.exchangeUri() : sim.advancedTradeUri();
        UpstreamOptions options = new UpstreamOptions(uri, protocol,
                Duration.ofSeconds(5), Duration.ofSeconds(5), watchdog, Duration.ofSeconds(20), Duration.ofSeconds(60),
                1 << 20, Duration.ofSeconds(10));
        conductor = new UpstreamConductor(plan, redundancy, options, trustCert, ring,
                new RateLimiter("connect", 8, RateLimiter.CONNECT_MARGIN_PERCENT, System::nanoTime),
                new RateLimiter("subscribe", 8, System::nanoTime),
                backoff, jwt, 2);
    }

    void start() {
        conductor.start();
    }

    boolean allStreaming() {
        return conductor.streamingCount() == conductor.sessions().size()
                && conductor.productsReceiving() == conductor.plannedProducts();
    }

    String describe() {
        return conductor.streamingCount() + "/" + conductor.sessions().size() + " streaming, "
                + conductor.productsReceiving() + "/" + conductor.plannedProducts() + " products receiving; sim "
                + sim.stats();
    }

    /** The simulator-side end of this session's current socket. */
    SimConnection simConnectionByAddress(UpstreamSession session) {
        String local = session.stats().localAddress();
        return sim.connections().stream()
                .filter(c -> c.remoteAddress().equals(local))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no simulator connection from " + local));
    }

    /** The simulator-side connection that carries exactly this session's products. */
    SimConnection simConnectionOf(UpstreamSession session) {
        Set<String> wanted = new HashSet<>(session.products());
        return sim.connections().stream()
                .filter(c -> new HashSet<>(c.products()).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no simulator connection carries " + wanted));
    }

    @Override
    public void close() {
        conductor.close(2000);
        ring.close();
        sim.close();
    }
}
