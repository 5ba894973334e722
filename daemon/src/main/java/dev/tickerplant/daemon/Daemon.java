package dev.tickerplant.daemon;

import dev.tickerplant.bus.AlertPublisher;
import dev.tickerplant.bus.BusConnection;
import dev.tickerplant.bus.BusFeed;
import dev.tickerplant.bus.BusOptions;
import dev.tickerplant.bus.StatusBoard;
import dev.tickerplant.bus.StatusPublisher;
import dev.tickerplant.bus.TickPublisher;
import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.config.Role;
import dev.tickerplant.daemon.admin.AdminRoutes;
import dev.tickerplant.daemon.products.FollowedProducts;
import dev.tickerplant.daemon.products.ProductControl;
import dev.tickerplant.daemon.reload.ConfigSource;
import dev.tickerplant.daemon.reload.Reloader;
import dev.tickerplant.daemon.systemd.ServiceFigures;
import dev.tickerplant.daemon.systemd.ServiceManager;
import dev.tickerplant.daemon.systemd.SystemdEnvironment;
import dev.tickerplant.fanout.http.RoutesServer;
import dev.tickerplant.fanout.security.AccessPolicy;
import dev.tickerplant.health.BusFigures;
import dev.tickerplant.health.CatalogFigures;
import dev.tickerplant.ingest.plan.InstanceSplit;
import dev.tickerplant.config.NetworkTransport;
import dev.tickerplant.config.Settings;
import dev.tickerplant.fanout.FanoutOptions;
import dev.tickerplant.fanout.EndpointPlugin;
import dev.tickerplant.fanout.FanoutServer;
import dev.tickerplant.compat.CompatEndpoints;
import dev.tickerplant.compat.CompatOptions;
import dev.tickerplant.compat.Es256JwtVerifier;
import dev.tickerplant.socketio.SocketIoEndpoint;
import dev.tickerplant.socketio.SocketIoOptions;
import dev.tickerplant.fanout.security.AccessRules;
import dev.tickerplant.health.HealthRoutes;
import dev.tickerplant.health.HealthSources;
import dev.tickerplant.health.HealthThresholds;
import dev.tickerplant.ingest.metrics.LatencyRecorder;
import dev.tickerplant.ingest.auth.JwtSigner;
import dev.tickerplant.ingest.catalog.AdvancedTradeCatalogSource;
import dev.tickerplant.ingest.catalog.CatalogCache;
import dev.tickerplant.ingest.catalog.CatalogLoader;
import dev.tickerplant.ingest.catalog.CatalogSource;
import dev.tickerplant.ingest.catalog.ExchangeCatalogSource;
import dev.tickerplant.ingest.catalog.ProductCatalog;
import dev.tickerplant.ingest.catalog.Selection;
import dev.tickerplant.ingest.catalog.StartupException;
import dev.tickerplant.ingest.plan.Shard;
import dev.tickerplant.ingest.plan.ShardPlan;
import dev.tickerplant.ingest.plan.ShardPlanner;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.RingWaitStrategy;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.ingest.upstream.Backoff;
import dev.tickerplant.ingest.upstream.RateLimiter;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamOptions;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.transport.Transport;
import dev.tickerplant.web.StatusPageRoutes;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires config → catalog → shard plan → upstream connections → ring → market state → fanout, and tears it all down
 * again. With {@code simulate} it first starts the built-in Coinbase simulator on loopback and points the daemon at it;
 * nothing else changes, so the simulated run exercises the production path.
 *
 * <p>The role decides which part runs: {@code all} everything (publishing to the bus too when one is set),
 * {@code ingest} the upstream half, publishing to the bus and serving only /health, /metrics and the admin API,
 * {@code fanout} the downstream half fed by the bus, with an empty upstream plan.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** Upstream connections are few and cheap; two loops keep one busy connection from delaying all the others. */
    private static final int UPSTREAM_THREADS = 2;
    /** How often an ingest node tells the bus about its upstream connections. */
    private static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);
    /** How long systemd waits for /health to say ready before it is told the start is done anyway. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Settings settings;
    private final Simulator simulator;
    private final ShardPlan plan;
    private final ProductControl products;
    /** The selection settings last applied (reload thread). */
    private Settings.Selection appliedSelection;
    private final MarketState market;
    private final TickRing ring;
    private final UpstreamConductor upstream;
    private final FanoutServer fanout;
    private final BusParts bus;
    private final HealthRoutes health;
    private final ConnectionHealthLog healthLog;
    private final ScheduledExecutorService housekeeping;
    private final AccessPolicy routesAccess;
    private ServiceManager serviceManager;
    private Reloader reloader;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final long startedNanos = System.nanoTime();
    private boolean closed;

    /** @param products changes the followed products at run time; null on a fanout node, which has no upstream */
    private Daemon(Settings settings, Simulator simulator, ShardPlan plan, MarketState market, TickRing ring,
                   UpstreamConductor upstream, FanoutServer fanout, BusParts bus, Frontend front,
                   ProductControl products) {
        this.products = products;
        this.appliedSelection = settings.selection();
        this.settings = settings;
        this.simulator = simulator;
        this.plan = plan;
        this.market = market;
        this.ring = ring;
        this.upstream = upstream;
        this.fanout = fanout;
        this.bus = bus;
        this.health = front.health();
        this.routesAccess = front.routesAccess();
        this.healthLog = new ConnectionHealthLog(upstream, market);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("housekeeping", true));
    }

    /** Starts everything; throws {@code StartupException} / {@code ConfigException} with a one-line message. */
    public static Daemon start(Settings settings) {
        return start(settings, SystemdEnvironment.NONE);
    }

    /** Starts everything and keeps systemd told of it when {@code systemd} names a notification socket. */
    public static Daemon start(Settings settings, SystemdEnvironment systemd) {
        return start(settings, systemd, ConfigSource.NONE);
    }

    /**
     * Starts everything, keeps systemd told of it, and reloads from {@code config} on {@link #reload()} (SIGHUP).
     */
    public static Daemon start(Settings settings, SystemdEnvironment systemd, ConfigSource config) {
        return start(settings, systemd, config, READY_TIMEOUT);
    }

    /**
     * @param readyTimeout how long systemd's {@code READY=1} waits for /health to say ready (a test's is short)
     */
    static Daemon start(Settings settings, SystemdEnvironment systemd, ConfigSource config, Duration readyTimeout) {
        Daemon daemon = startParts(settings);
        daemon.notifySystemd(systemd, config, readyTimeout);
        return daemon;
    }

    private static Daemon startParts(Settings settings) {
        log.info("tickerplant {} starting: {}", version(), settings);
        // Before anything runs: a native transport asked for by name that cannot load stops start-up here.
        Transport transport = transport(settings.daemon().transport());
        Simulator simulator = null;
        if (settings.daemon().simulate()) {
            // The emitted-tick log is for tests; a long simulated run only needs a little of it.
            simulator = Simulator.start(SimulatorOptions.defaults().withTickRate(settings.daemon().simulateRate())
                    .withEmittedLogCapacity(10_000));
            log.info("simulate: built-in Coinbase simulator at {} (REST {}, control {})",
                    simulatorUri(simulator, settings), simulator.restBaseUri(), simulator.controlUri());
        }
        try {
            return wire(settings, simulator, transport);
        } catch (RuntimeException e) {
            if (simulator != null) {
                simulator.close();
            }
            throw e;
        }
    }

    private static Daemon wire(Settings settings, Simulator simulator, Transport transport) {
        Role role = settings.cluster().role();
        // Key files first: a bad one stops start-up before any network call or thread.
        Supplier<String> jwt = !role.hasUpstream() ? () -> null : settings.credentials()
                .<Supplier<String>>map(c -> keyFile("api-private-key-file",
                        () -> JwtSigner.fromPemFile(c.apiKeyName(), c.apiPrivateKeyFile()))::mint)
                .orElse(() -> null);
        CompatOptions compat = role == Role.INGEST ? CompatOptions.defaults() : settings.compat().jwtPublicKeyFile()
                .map(key -> CompatOptions.defaults().withJwtVerifier(
                        keyFile("compat-jwt-public-key-file", () -> Es256JwtVerifier.fromPemFile(key))))
                .orElseGet(CompatOptions::defaults);
        BusConnection busConnection = settings.bus().servers().isEmpty() ? null
                : BusConnection.open(busOptions(settings));
        try {
            return role == Role.FANOUT ? wireFanoutNode(settings, transport, compat, busConnection)
                    : wireWithUpstream(settings, simulator, transport, jwt, compat, busConnection);
        } catch (RuntimeException e) {
            if (busConnection != null) {
                busConnection.close();
            }
            throw e;
        }
    }

    /** Role all or ingest: catalog, plan, upstream, ring; then the fanout (all) or the HTTP routes alone (ingest). */
    private static Daemon wireWithUpstream(Settings settings, Simulator simulator, Transport transport,
                                           Supplier<String> jwt, CompatOptions compat, BusConnection busConnection) {
        Role role = settings.cluster().role();
        Settings.Upstream up = settings.upstream();
        CoinbaseProtocol protocol = up.protocol();
        URI wsUrl = simulator != null ? simulatorUri(simulator, settings) : up.url();
        URI restUrl = simulator != null ? simulator.restBaseUri() : up.restUrl();
        Path cacheFile = simulator != null ? siblingForSimulation(up.catalogCacheFile()) : up.catalogCacheFile();

        CatalogSource source = protocol == CoinbaseProtocol.EXCHANGE
                ? new ExchangeCatalogSource(restUrl, up.connectTimeout())
                : new AdvancedTradeCatalogSource(restUrl, up.connectTimeout());
        CatalogLoader catalogs = new CatalogLoader(source, new CatalogCache(cacheFile, Clock.systemUTC()));
        ProductCatalog catalog = catalogs.load();
        InstanceSplit split = settings.cluster().instance().isOnly() ? InstanceSplit.single()
                : new InstanceSplit(settings.cluster().instance().index(), settings.cluster().instance().count());
        FollowedProducts followed = FollowedProducts.atStart(catalog, selection(settings.selection()),
                settings.selection().priorityProducts(), split, settings.selection().productsPerConnection(),
                settings.selection().priorityProductsPerConnection());
        ShardPlan plan = followed.plan();
        log.info("following {} products on {} connections:\n{}", plan.totalProducts(), plan.shards().size(),
                plan.describe());

        MarketState market = new MarketState(plan.shards().stream().flatMap(s -> s.productIds().stream()).toList(),
                settings.selection().quoteCurrency());
        TickRing ring = new TickRing(settings.ring().size(), market, new DefaultThreadFactory("tick-consumer"),
                waitStrategy(settings.ring().waitStrategy()));
        BusParts bus = BusParts.NONE;
        if (busConnection != null) {
            // Registered before the ring starts, so that the bus gets every tick this node accepts.
            TickPublisher publisher = new TickPublisher(busConnection);
            market.addListener(publisher);
            AlertPublisher alerts = new AlertPublisher(busConnection, settings.server().windowMinutes(),
                    settings.server().volumeThreshold());
            market.addListener(alerts);
            bus = new BusParts(busConnection, publisher, null, null, null).withAlerts(alerts);
        }
        ring.start();

        UpstreamOptions options = upstreamOptions(settings, wsUrl);
        Backoff backoff = Backoff.exponential(settings.backoff().initial(), settings.backoff().max(),
                settings.backoff().multiplier());
        UpstreamConductor upstream = new UpstreamConductor(plan, settings.selection().redundancy(), options,
                up.trustCertFile(), ring,
                new RateLimiter("connect", up.connectRateLimit(), RateLimiter.CONNECT_MARGIN_PERCENT, System::nanoTime),
                new RateLimiter("subscribe", up.subscribeRateLimit(), System::nanoTime),
                backoff, jwt, transport, UPSTREAM_THREADS);
        // The connects are paced over seconds: set up the downstream side while the first ones go out. Ticks that
        // arrive before the fanout listens only update the market, whose snapshots every subscriber gets.
        upstream.start();
        ProductControl products = new ProductControl(followed, catalogs, upstream, market)
                .refreshEvery(settings.operations().catalogRefreshInterval());
        if (busConnection != null) {
            bus.publisher().start();
            bus = bus.withStatus(new StatusPublisher(busConnection, upstream, STATUS_INTERVAL).start());
        }
        Frontend front;
        try {
            AdminRoutes admin = adminRoutes(settings, products, upstream);
            front = role == Role.INGEST
                    ? startRoutesOnly(settings, market, ring, upstream, transport, bus, admin, products)
                    : startFanout(settings, market, ring, upstream, transport, compat, List.of(), bus, admin, products);
        } catch (RuntimeException e) {
            products.close();
            upstream.close();
            ring.close();
            bus.close();
            throw e;
        }
        Daemon daemon = new Daemon(settings, simulator, plan, market, ring, upstream, front.fanout(),
                bus.withRoutesOnly(front.routesOnly()), front, products);
        daemon.scheduleHealthLog();
        return daemon;
    }

    /**
     * Role fanout: no catalog and no upstream (the plan is empty); the ring is fed by the bus, the subscribers' status
     * messages come from what the ingest nodes report.
     */
    private static Daemon wireFanoutNode(Settings settings, Transport transport, CompatOptions compat,
                                         BusConnection busConnection) {
        ShardPlan plan = new ShardPlanner().plan(List.of(), settings.selection().productsPerConnection(), Set.of());
        MarketState market = new MarketState(List.of(), settings.selection().quoteCurrency());
        TickRing ring = new TickRing(settings.ring().size(), market, new DefaultThreadFactory("tick-consumer"),
                waitStrategy(settings.ring().waitStrategy()));
        // Never started: an empty plan, so that health and the API describe "no upstream here" with their usual code.
        UpstreamConductor none = new UpstreamConductor(plan, 1, upstreamOptions(settings, settings.upstream().url()),
                Optional.empty(), ring, new RateLimiter("connect", 1, System::nanoTime),
                new RateLimiter("subscribe", 1, System::nanoTime), Backoff.exponential(Duration.ofSeconds(1),
                        Duration.ofSeconds(1), 2), () -> null, transport, 1);
        // Products the ingest nodes stop following leave this node's set too: its subscribers are told.
        StatusBoard board = new StatusBoard(System::nanoTime).onProductsChanged(market::follow).start(busConnection);
        BusFeed feed = new BusFeed(busConnection, ring, settings.server().historySize());
        BusParts bus = new BusParts(busConnection, null, null, board, feed);
        Frontend front;
        try {
            // The server is built (and listens to the market) before the feed starts, so no tick passes it by.
            front = startFanout(settings, market, ring, none, transport, compat, List.of(board), bus,
                    adminRoutes(settings, null, none), null);
        } catch (RuntimeException e) {
            board.close();
            none.close();
            throw e;
        }
        ring.start();
        feed.start();
        return new Daemon(settings, null, plan, market, ring, none, front.fanout(), bus, front, null);
    }

    /**
     * The downstream server, with the health routes and the status page on the same port.
     *
     * @param reported on a fanout node, the upstream connections the ingest nodes report (one element); empty when
     *                 the upstream is this process's own
     * @param products the catalog refreshes /metrics reports; null on a fanout node
     */
    private static Frontend startFanout(Settings settings, MarketState market, TickRing ring,
                                            UpstreamConductor upstream, Transport transport,
                                            CompatOptions compat, List<StatusBoard> reported, BusParts bus,
                                            AdminRoutes admin, ProductControl products) {
        Settings.Server s = settings.server();
        FanoutOptions options = new FanoutOptions(s.listenHost(), s.listenPort(), s.fanoutThreads(), s.maxClients(),
                s.maxSubscriptions(), s.commandsPerSecond(), s.maxCommandSize(), s.heartbeatInterval(),
                s.slowClientTimeout(), s.writeBufferLow(), s.writeBufferHigh(), s.historySize(), s.windowMinutes(),
                s.volumeThreshold(), new AccessRules(s.authToken(), s.maxConnectionsPerIp(), s.allowedOrigins()),
                transport, s.flushLinger(), s.httpRequestTimeout(), s.webSocketCompression());
        DeferredRoutes routes = new DeferredRoutes();
        List<EndpointPlugin> endpoints = new ArrayList<>(CompatEndpoints.all(compat));
        endpoints.add(SocketIoEndpoint.plugin(SocketIoOptions.defaults()));
        FanoutServer fanout = reported.isEmpty()
                ? new FanoutServer(options, market, upstream, routes, endpoints)
                : new FanoutServer(options, market, reported.get(0), routes, endpoints);
        List<LatencyRecorder> latencies = new ArrayList<>(market.stageLatencies());
        for (int leg = 0; leg < upstream.redundancy() && upstream.redundancy() > 1; leg++) {
            latencies.add(market.legLag(leg));
        }
        HealthRoutes health = healthRoutes(settings, market, ring, upstream, fanout.view(), latencies, bus, products);
        // The status page only where there is a /ws to feed it: not on an ingest node's routes-only server.
        routes.delegate(new FirstMatchRoutes(List.of(admin, health, new StatusPageRoutes())));
        fanout.start();
        return new Frontend(fanout, null, null, health);
    }

    /** Role ingest: /health, /metrics and the admin API on the listen port; no /api/*, no subscriber endpoint. */
    private static Frontend startRoutesOnly(Settings settings, MarketState market, TickRing ring,
                                                UpstreamConductor upstream, Transport transport, BusParts bus,
                                                AdminRoutes admin, ProductControl products) {
        List<LatencyRecorder> latencies = new ArrayList<>(market.stageLatencies());
        for (int leg = 0; leg < upstream.redundancy() && upstream.redundancy() > 1; leg++) {
            latencies.add(market.legLag(leg));
        }
        Settings.Server s = settings.server();
        HealthRoutes health = healthRoutes(settings, market, ring, upstream, null, latencies, bus, products);
        AccessPolicy access = new AccessPolicy(new AccessRules(s.authToken(), s.maxConnectionsPerIp(),
                s.allowedOrigins()));
        RoutesServer server = RoutesServer.start(s.listenHost(), s.listenPort(),
                new FirstMatchRoutes(List.of(admin, new NodeRoutes(health))), access, transport,
                s.httpRequestTimeout());
        return new Frontend(null, server, access, health);
    }

    /** The admin API under /admin/: answers nothing (404) unless admin-token is set. */
    private static AdminRoutes adminRoutes(Settings settings, ProductControl products, UpstreamConductor upstream) {
        return new AdminRoutes(new NodeAdmin(products, upstream, settings.selection().quoteCurrency()),
                settings.operations().adminToken());
    }

    /** What answers on the listen port: the fanout server (roles all and fanout) or the routes alone (ingest). */
    private record Frontend(FanoutServer fanout, RoutesServer routesOnly, AccessPolicy routesAccess,
                            HealthRoutes health) {
    }

    private static HealthRoutes healthRoutes(Settings settings, MarketState market, TickRing ring,
                                           UpstreamConductor upstream, dev.tickerplant.fanout.FanoutView fanout,
                                           List<LatencyRecorder> latencies, BusParts bus, ProductControl products) {
        HealthSources sources = new HealthSources(market, upstream, ring, fanout, latencies,
                new HealthThresholds(settings.health().readyCoverage(), settings.health().downCoverage()), version(),
                System.nanoTime(), System::nanoTime, System::currentTimeMillis);
        if (products != null) {
            sources = sources.withCatalog(() -> new CatalogFigures(products.refreshesOk(), products.refreshesFailed(),
                    products.lastRefreshEpochMillis(), products.productsFollowed()));
        }
        return new HealthRoutes(bus.connection() == null ? sources : sources.withBus(bus::figures));
    }

    private static UpstreamOptions upstreamOptions(Settings settings, URI wsUrl) {
        Settings.Upstream up = settings.upstream();
        return new UpstreamOptions(wsUrl, up.protocol(), up.connectTimeout(), up.subscribeTimeout(),
                up.watchdogTimeout(), up.wsPingInterval(), settings.backoff().resetAfter(), up.maxFrameSize(),
                up.subscribeTimeout().plus(up.connectTimeout()));
    }

    private static BusOptions busOptions(Settings settings) {
        Settings.Bus b = settings.bus();
        return new BusOptions(b.servers().stream().map(java.net.URI::toString).toList(), b.credentialsFile(),
                b.tlsCaFile(), settings.cluster().nodeName(), b.stream(), b.subjectPrefix(), b.replicas(),
                b.maxAge(), b.maxMsgsPerSubject(), b.duplicateWindow(), b.publishBuffer(), b.maxPendingAcks(),
                b.unreachableThreshold());
    }

    private synchronized void notifySystemd(SystemdEnvironment systemd, ConfigSource config, Duration readyTimeout) {
        DaemonFigures figures = new DaemonFigures();
        ServiceManager manager = ServiceManager.start(systemd, figures, settings.daemon().healthLogInterval(),
                readyTimeout);
        serviceManager = manager;
        reloader = new Reloader(settings, config, this::applyAtRunTime, manager::reloading,
                () -> manager.reloaded(figures.statusLine()));
    }

    /**
     * Reloads the configuration (the SIGHUP handler's entry point): queued behind any reload already running, done on
     * the reload thread; the future completes when it is done.
     */
    synchronized Future<?> reload() {
        return reloader.request();
    }

    /** The settings a running daemon can change ({@code ReloadPlan.AT_RUN_TIME}), handed to the parts that hold them. */
    private void applyAtRunTime(Settings next) {
        // First: a selection that leaves nothing to follow fails the reload before anything else changed.
        if (products != null && !next.selection().equals(appliedSelection)) {
            products.reselect(selection(next.selection()), next.selection().priorityProducts());
        }
        appliedSelection = next.selection();
        health.thresholds(new HealthThresholds(next.health().readyCoverage(), next.health().downCoverage()));
        // The cap per address sizes what the policy tracks: it stays as started.
        AccessRules access = new AccessRules(next.server().authToken(), settings.server().maxConnectionsPerIp(),
                next.server().allowedOrigins());
        double volumeThreshold = next.server().volumeThreshold();
        if (fanout != null) {
            fanout.reconfigure(access, volumeThreshold);
        }
        if (routesAccess != null) {
            routesAccess.tokenAndOrigins(access);
        }
        if (bus.alerts() != null) {
            bus.alerts().volumeThreshold(volumeThreshold);
        }
    }

    /** What systemd is told, read from the running parts. */
    private final class DaemonFigures implements ServiceFigures {
        @Override
        public String healthStatus() {
            return health.status();
        }

        @Override
        public String statusLine() {
            return settings.cluster().role() == Role.FANOUT ? BusStatusLine.of(bus.figures()) : healthLog.coverage();
        }

        @Override
        public List<EventLoop> eventLoops() {
            List<EventLoop> loops = new ArrayList<>(upstream.eventLoops());
            loops.addAll(fanout != null ? fanout.eventLoops() : bus.routesOnly().eventLoops());
            return loops;
        }

        @Override
        public long ringClaimed() {
            return ring.claimedSequence();
        }

        @Override
        public long ringConsumed() {
            return ring.consumedSequence();
        }
    }

    private void scheduleHealthLog() {
        long every = settings.daemon().healthLogInterval().toMillis();
        housekeeping.scheduleAtFixedRate(healthLog::logSummary, every, every, TimeUnit.MILLISECONDS);
        // Also say so as soon as coverage is first complete, so an operator need not wait for the first interval.
        housekeeping.scheduleWithFixedDelay(healthLog::logWhenFirstComplete, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** The port /health and the other routes answer on, whatever the role. */
    public int httpPort() {
        return fanout != null ? fanout.port() : bus.routesOnly().port();
    }

    /** The bus's figures as health reads them; null without a bus. */
    public BusFigures busFigures() {
        return bus.connection() == null ? null : bus.figures();
    }

    public MarketState market() {
        return market;
    }

    public UpstreamConductor upstream() {
        return upstream;
    }

    /** The downstream server (its bound port: {@code fanout().port()}); null on an ingest node. */
    public FanoutServer fanout() {
        return fanout;
    }

    public TickRing ring() {
        return ring;
    }

    /** The plan the daemon started with; {@link #upstream()} follows the current one. */
    public ShardPlan plan() {
        return plan;
    }

    /** Changes the followed products at run time; null on a fanout node. */
    public ProductControl products() {
        return products;
    }

    /** The embedded simulator, or null when running against Coinbase. */
    public Simulator simulator() {
        return simulator;
    }

    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitTermination() {
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops upstream connections, drains the ring, stops the simulator; bounded by the shutdown timeout. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long start = System.nanoTime();
        // First, so that systemd takes what follows for a stop, not a failure.
        ServiceManager systemd;
        synchronized (this) {
            systemd = serviceManager;
            if (reloader != null) {
                reloader.close();
            }
        }
        if (systemd != null) {
            systemd.close();
        }
        long budget = settings.daemon().shutdownTimeout().toMillis();
        log.info("shutting down: closing {} upstream connections", upstream.sessions().size());
        housekeeping.shutdownNow();
        if (products != null) {
            products.close();
        }
        // Subscribers first (close 1001), so that none of them sees the upstream go away as stale data.
        if (fanout != null) {
            fanout.close(Duration.ofMillis(budget * 3 / 10));
        }
        bus.closeRoutesAndFeed();
        upstream.close(budget * 4 / 10);
        ring.close();
        // After the ring has drained into the publisher: what it still holds goes out within the last share.
        bus.close(Duration.ofMillis(budget * 2 / 10));
        if (simulator != null) {
            simulator.close();
        }
        log.info("stopped in {} ms after {}; {} ticks accepted, {} duplicates, {} dropped at the ring",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), uptime(), market.accepted(),
                market.duplicates(), ring.dropped());
        terminated.countDown();
    }

    /** Only {@code auto} falls back to nio; epoll or io_uring asked for by name must load, or start-up stops. */
    private static Transport transport(NetworkTransport requested) {
        try {
            return Transport.choose(requested.key());
        } catch (IllegalStateException e) {
            throw new StartupException("Invalid setting transport = \"" + requested.key() + "\": " + e.getMessage()
                    + " (only auto falls back to nio)");
        }
    }

    /** A key that cannot be used stops start-up with one line naming the setting (never the key material). */
    private static <T> T keyFile(String setting, Supplier<T> load) {
        try {
            return load.get();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new StartupException("Invalid setting " + setting + ": " + e.getMessage());
        }
    }

    private static Selection selection(Settings.Selection s) {
        if (!s.products().isEmpty()) {
            return Selection.explicit(s.products());
        }
        if (s.topN() > 0) {
            return Selection.topN(s.topN(), s.quoteCurrency());
        }
        return Selection.allOf(s.quoteCurrency());
    }

    /** Exhaustive on purpose: a choice added to the settings does not compile until it is wired here. */
    private static RingWaitStrategy waitStrategy(dev.tickerplant.config.RingWaitStrategy setting) {
        return switch (setting) {
            case BLOCKING -> RingWaitStrategy.BLOCKING;
            case LITE_BLOCKING -> RingWaitStrategy.LITE_BLOCKING;
            case TIMEOUT_BLOCKING -> RingWaitStrategy.TIMEOUT_BLOCKING;
            case PHASED_BACKOFF -> RingWaitStrategy.PHASED_BACKOFF;
            case SLEEPING -> RingWaitStrategy.SLEEPING;
            case YIELDING -> RingWaitStrategy.YIELDING;
        };
    }

    private static URI simulatorUri(Simulator simulator, Settings settings) {
        return settings.upstream().protocol() == CoinbaseProtocol.EXCHANGE
                ? simulator.exchangeUri() : simulator.advancedTradeUri();
    }

    /** The simulator's catalog must never overwrite the cached real one. */
    private static Path siblingForSimulation(Path cache) {
        String name = cache.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String simulated = dot > 0 ? name.substring(0, dot) + "-simulated" + name.substring(dot) : name + "-simulated";
        return cache.resolveSibling(simulated);
    }

    static String version() {
        String v = Daemon.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    List<Shard> shards() {
        return plan.shards();
    }
}
