package dev.tickerplant.fanout;

import dev.tickerplant.fanout.history.TickHistory;
import dev.tickerplant.fanout.http.HttpRoutes;
import dev.tickerplant.fanout.security.AccessRules;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downstream server: WebSocket clients on {@code /ws} (native protocol, docs/protocol.md), on the paths of the
 * {@link EndpointPlugin}s it was built with (their own protocols), and plain HTTP handed to the daemon's
 * {@link HttpRoutes}, on one port.
 *
 * <pre>
 * FanoutServer server = new FanoutServer(options, market, upstream, routes, plugins); // attaches to the market
 * server.start();                       // binds; server.port() is the bound port
 * server.view();                        // figures for health and metrics
 * server.close(Duration.ofSeconds(5));  // 1001 to every client, stop accepting, stop the loops
 * </pre>
 *
 * <p>The constructor registers the server's {@code TickListener} with the market, so the replay history records every
 * tick from then on; clients get ticks once the server is started.
 */
public final class FanoutServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FanoutServer.class);
    /**
     * How often the connections' states are read for status changes: cheap (a few dozen objects), and the subscribers
     * of a stalled connection hear of it within this much of the watchdog closing it.
     */
    private static final Duration STATUS_POLL_INTERVAL = Duration.ofMillis(250);

    private final FanoutOptions options;
    private final MarketState market;
    private final HttpRoutes routes;
    private final Duration statusPollInterval;
    private final PluginEndpoints endpoints;
    private final ServerFigures figures;
    private final TickDispatcher dispatcher;
    private final UpstreamWatcher watcher;
    private final ServerContext context;
    private final LongSupplier nanoTime;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private ChannelGroup allChannels;
    private volatile Channel serverChannel;
    private LoopFanout[] loops = new LoopFanout[0];
    private volatile boolean closed;

    /**
     * @param routes plain HTTP routes (health, metrics, API); null answers every plain request 404
     */
    public FanoutServer(FanoutOptions options, MarketState market, UpstreamConductor upstream, HttpRoutes routes) {
        this(options, market, upstream, routes, List.of());
    }

    /**
     * @param plugins endpoints served next to {@code /ws}, each on its own path
     * @throws IllegalArgumentException when two endpoints have the same path, or one has {@code /ws}
     */
    public FanoutServer(FanoutOptions options, MarketState market, UpstreamConductor upstream, HttpRoutes routes,
                        List<EndpointPlugin> plugins) {
        this(options, market, ConnectionStatus.of(Objects.requireNonNull(upstream, "upstream")), routes,
                STATUS_POLL_INTERVAL, System::nanoTime, plugins);
    }

    /**
     * A server whose upstream connections live elsewhere (a fanout node: they are what the ingest nodes report).
     *
     * @param upstream the connections as last reported; polled four times a second
     */
    public FanoutServer(FanoutOptions options, MarketState market, Supplier<List<ConnectionStatus>> upstream,
                        HttpRoutes routes, List<EndpointPlugin> plugins) {
        this(options, market, upstream, routes, STATUS_POLL_INTERVAL, System::nanoTime, plugins);
    }

    FanoutServer(FanoutOptions options, MarketState market, Supplier<List<ConnectionStatus>> upstream,
                 HttpRoutes routes, Duration statusPollInterval, LongSupplier nanoTime) {
        this(options, market, upstream, routes, statusPollInterval, nanoTime, List.of());
    }

    FanoutServer(FanoutOptions options, MarketState market, Supplier<List<ConnectionStatus>> upstream,
                 HttpRoutes routes, Duration statusPollInterval, LongSupplier nanoTime, List<EndpointPlugin> plugins) {
        this.options = Objects.requireNonNull(options, "options");
        this.market = Objects.requireNonNull(market, "market");
        this.routes = routes;
        this.statusPollInterval = statusPollInterval;
        this.nanoTime = nanoTime;
        LongSupplier epochNanos = epochClock(nanoTime);
        this.endpoints = new PluginEndpoints(plugins);
        this.figures = new ServerFigures(endpoints.encodings());
        TickHistory history = new TickHistory(options.historySize());
        this.dispatcher = new TickDispatcher(history, options.windowMinutes(), options.volumeThreshold(),
                PooledByteBufAllocator.DEFAULT, figures, endpoints.pluginEncodings());
        this.watcher = new UpstreamWatcher(upstream, market, epochNanos);
        market.addProductSetListener((added, removed, reason) -> watcher.productsRemoved(removed, reason));
        this.context = new ServerContext(options, market, history, figures, watcher, version(), nanoTime,
                epochNanos, endpoints);
        market.addListener(dispatcher);
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalStateException when the address cannot be bound, with one line naming it and the cause
     */
    public synchronized void start() {
        if (serverChannel != null || closed) {
            throw new IllegalStateException("fanout server: start() called twice or after close()");
        }
        boss = options.transport().group(1, new DefaultThreadFactory("fanout-accept", true));
        workers = options.transport().group(options.workerThreads(), new DefaultThreadFactory("fanout", true));
        allChannels = new DefaultChannelGroup("fanout-clients", GlobalEventExecutor.INSTANCE);
        Map<EventExecutor, LoopFanout> byLoop = new IdentityHashMap<>();
        List<LoopFanout> list = new ArrayList<>();
        for (EventExecutor executor : workers) {
            LoopFanout loop = new LoopFanout((EventLoop) executor, figures, nanoTime, market.lastSeq(),
                    options.flushLinger().toNanos(), endpoints.newLoops((EventLoop) executor, figures, options,
                    market));
            byLoop.put(executor, loop);
            list.add(loop);
        }
        loops = list.toArray(new LoopFanout[0]);
        figures.loops = loops;
        context.loops(byLoop);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(options.transport().serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(options.writeBufferLow(), options.writeBufferHigh()))
                .childHandler(new FanoutInitializer(context, routes, allChannels));
        ChannelFuture bound = bootstrap.bind(options.host(), options.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdownGroups(Duration.ofSeconds(2));
            throw new IllegalStateException("fanout server cannot listen on " + options.host() + ":" + options.port()
                    + ": " + bound.cause().getMessage());
        }
        serverChannel = bound.channel();
        dispatcher.loops(loops);
        watcher.start(loops[0].loop, loops, statusPollInterval);
        log.info("fanout listening on ws://{}:{}{} ({}{} event loops, up to {} clients)", options.host(), port(),
                FanoutInitializer.WEBSOCKET_PATH, endpoints.paths().isEmpty() ? ""
                        : "and " + String.join(", ", endpoints.paths()) + "; ", loops.length, options.maxClients());
    }

    /** The bound port (the chosen one when the options said 0). */
    public int port() {
        Channel channel = serverChannel;
        if (channel == null) {
            throw new IllegalStateException("fanout server not started");
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Settings a reload may change while clients are connected: the bearer token and allowed origins (checked from
     * the next request on; admitted clients stay) and the volume-alert threshold (from the next tick on).
     */
    public void reconfigure(AccessRules access, double volumeThreshold) {
        context.access.tokenAndOrigins(access);
        dispatcher.volumeThreshold(volumeThreshold);
    }

    /** Figures for health and metrics; safe to read from any thread. */
    public FanoutView view() {
        return figures;
    }

    /** The accepting loop and the worker loops (empty before start), for liveness checks that submit to each. */
    public synchronized List<EventLoop> eventLoops() {
        List<EventLoop> all = new ArrayList<>();
        if (boss != null) {
            boss.forEach(executor -> all.add((EventLoop) executor));
            workers.forEach(executor -> all.add((EventLoop) executor));
        }
        return all;
    }

    /** The worker loops' fanouts, for tests that hold a loop busy. */
    LoopFanout[] loops() {
        return loops.clone();
    }

    /** The ring consumer's side of the fanout, for tests that check what it still holds. */
    TickDispatcher dispatcher() {
        return dispatcher;
    }

    /** Tick frames deflated so far, once per tick and encoding however many clients took them; for tests. */
    long framesCompressed() {
        return figures.framesCompressed.sum();
    }

    /** The worker loops' thread ids, for allocation measurements. */
    long[] loopThreadIds() {
        long[] ids = new long[loops.length];
        for (int i = 0; i < loops.length; i++) {
            ids[i] = loops[i].loop.submit(() -> Thread.currentThread().getId()).syncUninterruptibly().getNow();
        }
        return ids;
    }

    /** The upstream connections as the status watcher last saw them. */
    List<ConnectionStatus> upstreamAsPolled() {
        return watcher.latest();
    }

    /**
     * Sends close 1001 "server shutting down" to every client, stops accepting and stops the event loops, returning
     * within {@code timeout}: clients that have not completed the closing handshake by then are dropped.
     */
    public synchronized void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        dispatcher.stop();
        context.startClosing();
        if (serverChannel == null) {
            return;
        }
        watcher.stop();
        serverChannel.close().awaitUninterruptibly(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        for (LoopFanout loop : loops) {
            loop.loop.execute(() -> loop.closeAll(CloseCodes.GOING_AWAY, "server shutting down"));
        }
        // Leave a quarter of the time for stopping the loops.
        long closeDeadline = deadline - timeout.toNanos() / 4;
        for (SubscriberSession session : figures.sessions.values()) {
            session.ctx().channel().closeFuture().awaitUninterruptibly(remainingMillis(closeDeadline),
                    TimeUnit.MILLISECONDS);
        }
        allChannels.close().awaitUninterruptibly(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        shutdownGroups(Duration.ofNanos(Math.max(0, deadline - nanoTime.getAsLong())));
        log.info("fanout closed: {} messages sent, {} dropped, {} slow clients closed", figures.messagesSent(),
                figures.dropped(), figures.slowClientsClosed());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private void shutdownGroups(Duration within) {
        long millis = Math.max(1, within.toMillis());
        var workersDone = workers.shutdownGracefully(0, millis, TimeUnit.MILLISECONDS);
        var bossDone = boss.shutdownGracefully(0, millis, TimeUnit.MILLISECONDS);
        workersDone.awaitUninterruptibly(millis, TimeUnit.MILLISECONDS);
        bossDone.awaitUninterruptibly(millis, TimeUnit.MILLISECONDS);
    }

    private long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - nanoTime.getAsLong()));
    }

    /** Wall clock from the injected nanoTime and one offset, so stamping a message needs no Instant. */
    private static LongSupplier epochClock(LongSupplier nanoTime) {
        Instant now = Instant.now();
        long offset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - nanoTime.getAsLong();
        return () -> nanoTime.getAsLong() + offset;
    }

    private static String version() {
        String v = FanoutServer.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
