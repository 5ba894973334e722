package dev.tickerplant.sim;

import dev.tickerplant.sim.feed.FaultControl;
import dev.tickerplant.sim.feed.FaultTarget;
import dev.tickerplant.sim.feed.FeedServer;
import dev.tickerplant.sim.feed.FeedSettings;
import dev.tickerplant.sim.feed.FeedStats;
import dev.tickerplant.sim.feed.SimConnection;
import dev.tickerplant.sim.market.EmittedTickLog;
import dev.tickerplant.sim.market.LatestTicks;
import dev.tickerplant.sim.market.Market;
import dev.tickerplant.sim.market.NewListing;
import dev.tickerplant.sim.market.Product;
import dev.tickerplant.sim.market.ProductCatalog;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A protocol-faithful Coinbase market-data simulator: the Advanced Trade WebSocket, the Exchange feed, their REST
 * product lists, a live market of 300+ products, fault injection and a control API.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(200).withSeed(42))) {
 *     URI ws = sim.advancedTradeUri();             // ws://127.0.0.1:P/
 *     ...
 *     sim.faults().dropNext(FaultTarget.product("BTC-USD"), 3);
 *     List<Tick> sent = sim.emitted().ticksFor("BTC-USD");
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {

    private final SimulatorOptions options;
    private final Market market;
    private final FeedServer feed;
    private final ControlServer control;
    private volatile boolean closed;

    private Simulator(SimulatorOptions options) {
        this.options = options;
        this.market = new Market(ProductCatalog.generate(options.seed()), options.seed(), options.tickRate(),
                options.schedule(), options.emittedLogCapacity(), options.clock(), options.nanoTime());
        FeedSettings settings = new FeedSettings(options.host(), options.port(),
                options.tls() ? SimulatorCertificate.serverContext() : null, options.subscribeTimeout(),
                options.maxConnectionsPerSecond(), options.maxSubscribeMessagesPerSecond(),
                options.subscribeRateAction(), options.heartbeatInterval(), options.tickerBatchInterval(),
                options.omitClientId(), options.heartbeatCounterAsString(), options.intendedTimestamps(),
                options.jwtVerifier(), options.clock(), options.nanoTime(), options.workerThreads());
        this.feed = FeedServer.start(settings, market.catalog(), market.latest());
        try {
            this.control = options.controlPort() == SimulatorOptions.DISABLED
                    ? null
                    : ControlServer.start(options.host(), options.controlPort(), new ControlRoutes(this));
        } catch (RuntimeException e) {
            feed.close();
            throw e;
        }
        market.paused(options.startPaused());
        market.start(feed::publish);
    }

    /** Binds both servers and starts trading. */
    public static Simulator start(SimulatorOptions options) {
        return new Simulator(options);
    }

    public SimulatorOptions options() {
        return options;
    }

    /** {@code ws://host:port/} (or {@code wss://}): the Advanced Trade market-data endpoint. */
    public URI advancedTradeUri() {
        return URI.create((options.tls() ? "wss" : "ws") + "://" + authority(port()) + "/");
    }

    /** {@code ws://host:port/exchange} (or {@code wss://}): the Exchange feed endpoint. */
    public URI exchangeUri() {
        return URI.create((options.tls() ? "wss" : "ws") + "://" + authority(port()) + "/exchange");
    }

    /** {@code http://host:port} (or {@code https://}): base of both REST APIs. */
    public URI restBaseUri() {
        return URI.create((options.tls() ? "https" : "http") + "://" + authority(port()));
    }

    /** {@code http://host:controlPort}: the control API; an {@link IllegalStateException} when it is disabled. */
    public URI controlUri() {
        return URI.create("http://" + authority(controlPort()));
    }

    public int port() {
        return feed.port();
    }

    public int controlPort() {
        if (control == null) {
            throw new IllegalStateException("control server is disabled (controlPort -1); start with a controlPort >= 0");
        }
        return control.port();
    }

    public ProductCatalog catalog() {
        return market.catalog();
    }

    /** Every tick generated so far (bounded), for proving what a client should have received. */
    public EmittedTickLog emitted() {
        return market.emitted();
    }

    /** The current state of every product. */
    public LatestTicks latest() {
        return market.latest();
    }

    /** The open WebSocket connections, by ascending id. */
    public List<SimConnection> connections() {
        return feed.connections();
    }

    public FaultControl faults() {
        return feed.faults();
    }

    public SimulatorStats stats() {
        FeedStats f = feed.stats();
        return new SimulatorStats(f.connectionsAccepted(), f.connectionsRejected(), f.maxConnectionOpensInAnyWindow(),
                f.maxSubscribeMessagesInAnyWindow(), f.subscribeRateViolations(), f.framesSent(), f.openConnections(),
                market.emitted().total(), market.ticksPerSecond(), market.paused());
    }

    public void pauseTicks() {
        market.paused(true);
    }

    public void resumeTicks() {
        market.paused(false);
    }

    public boolean ticksPaused() {
        return market.paused();
    }

    /** Changes the total tick rate at once. */
    public void tickRate(double ticksPerSecond) {
        market.ticksPerSecond(ticksPerSecond);
    }

    public double tickRate() {
        return market.ticksPerSecond();
    }

    /**
     * Lists a new spot product at {@link NewListing#DEFAULT_PRICE} with {@link NewListing#DEFAULT_QUOTE_VOLUME}.
     *
     * @see #listProduct(String, BigDecimal, BigDecimal)
     */
    public Product listProduct(String id) {
        return market.list(NewListing.of(id));
    }

    /**
     * Lists a new spot product while the feed runs, as Coinbase lists a new coin: once this returns, both REST product
     * lists show it online and tradable with this 24 h quote volume, either feed accepts a subscription to it, and it
     * trades at a share of the tick rate set by its volume, like the other products. Safe from any thread.
     *
     * @param id             {@code BASE-QUOTE}, e.g. {@code NEW-USD}
     * @param price          the price it opens at
     * @param quoteVolume24h the {@code approximate_quote_24h_volume} it reports
     * @throws IllegalArgumentException for a malformed id, a price or volume out of range, or an id already in the
     *                                  catalog (a delisted one included)
     */
    public Product listProduct(String id, BigDecimal price, BigDecimal quoteVolume24h) {
        return market.list(new NewListing(id, price, quoteVolume24h));
    }

    /**
     * Delists a product while the feed runs: both REST product lists keep showing it, with status {@code delisted}
     * and trading disabled; no tick of it is generated after this returns, so subscriptions to it fall silent; a new
     * subscribe to it fails as for any delisted product. Delisting it again changes nothing. Safe from any thread.
     *
     * @throws IllegalArgumentException when the id is not in the catalog
     */
    public Product delistProduct(String id) {
        return market.delist(id);
    }

    /** The certificate served in TLS mode, as PEM. */
    public String certificatePem() {
        return SimulatorCertificate.pem();
    }

    /**
     * Stops trading, closes every connection with 1001 "going away", then stops both servers and their threads;
     * returns within about a second.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        market.close();
        if (control != null) {
            control.close();
        }
        // Like a service restart: clients get 1001 "going away" rather than a silent drop.
        feed.faults().goingAway(FaultTarget.all());
        feed.close();
    }

    /** The host to put in URIs: a wildcard bind address is reached through loopback. */
    private String authority(int port) {
        String host = options.host();
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) {
                host = "127.0.0.1";
            } else if (host.contains(":")) {
                host = "[" + host + "]";
            }
        } catch (UnknownHostException e) {
            // A name that does not resolve here still makes a valid URI.
        }
        return host + ":" + port;
    }
}
