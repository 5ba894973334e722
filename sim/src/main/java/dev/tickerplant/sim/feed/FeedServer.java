package dev.tickerplant.sim.feed;

import dev.tickerplant.sim.market.LatestTicks;
import dev.tickerplant.sim.market.ProductCatalog;
import dev.tickerplant.sim.market.Tick;
import dev.tickerplant.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulated Coinbase endpoint: one port serving the Advanced Trade WebSocket on {@code /}, the Exchange feed on
 * {@code /exchange}, and the REST product lists of both.
 *
 * <p>The tick pump hands each batch to {@link #publish(List)}; two timers drive heartbeats and {@code ticker_batch}.
 * Each hands work to a connection's own event loop, never writing to a channel from a foreign thread.
 */
public final class FeedServer implements AutoCloseable {

    private final FeedSettings settings;
    private final FeedContext context;
    private final ConnectionAdmission admission;
    private final FaultControl faults;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final long startNanos;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    /** Touched only by the heartbeat timer's task. */
    private long heartbeatCounter;

    private FeedServer(FeedSettings settings, ProductCatalog catalog, LatestTicks latest) {
        this.settings = settings;
        this.startNanos = settings.nanoTime().getAsLong();
        SessionRegistry registry = new SessionRegistry();
        this.admission = new ConnectionAdmission(settings.maxConnectionsPerSecond(), settings.nanoTime());
        this.context = new FeedContext(settings, catalog, latest, new FeedCounters(), registry,
                new SlidingWindowCounter(TimeUnit.SECONDS.toNanos(1), settings.nanoTime()),
                new AdvancedTradeFrames(settings.omitClientId(), settings.heartbeatCounterAsString(), settings.clock(),
                        ByteBufAllocator.DEFAULT),
                new ExchangeFrames(ByteBufAllocator.DEFAULT));
        this.faults = new FaultControl(registry, catalog, admission);
        Transport transport = Transport.forThisProcess();
        this.boss = transport.group(1, new DefaultThreadFactory("sim-feed-boss", true));
        this.workers = transport.group(settings.workerThreads(), new DefaultThreadFactory("sim-feed", true));
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new FeedInitializer(context, admission, new RestApi(catalog, latest, settings.clock())))
                    .bind(settings.host(), settings.port())
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) { // bind() rethrows the checked BindException undeclared
            shutdownGroups();
            throw new IllegalStateException("cannot bind the simulator to " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        EventLoop timerLoop = workers.next();
        long heartbeatNanos = settings.heartbeatInterval().toNanos();
        long batchNanos = settings.tickerBatchInterval().toNanos();
        timers.add(timerLoop.scheduleAtFixedRate(this::beat, heartbeatNanos, heartbeatNanos, TimeUnit.NANOSECONDS));
        timers.add(timerLoop.scheduleAtFixedRate(this::batchTick, batchNanos, batchNanos, TimeUnit.NANOSECONDS));
    }

    /** Binds the server; fails with the address in the message if the port is taken. */
    public static FeedServer start(FeedSettings settings, ProductCatalog catalog, LatestTicks latest) {
        return new FeedServer(settings, catalog, latest);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public int port() {
        return localAddress().getPort();
    }

    public boolean tls() {
        return settings.sslContext() != null;
    }

    /** Hands a batch of freshly generated ticks to every connection that streams one of their products. */
    public void publish(List<Tick> batch) {
        for (FeedSession session : context.registry().all()) {
            session.offer(batch);
        }
    }

    public FaultControl faults() {
        return faults;
    }

    /** The open connections, by ascending id. */
    public List<SimConnection> connections() {
        List<SimConnection> views = new ArrayList<>();
        for (FeedSession session : context.registry().all()) {
            views.add(session.view());
        }
        views.sort(Comparator.comparingLong(SimConnection::id));
        return views;
    }

    public FeedStats stats() {
        FeedCounters counters = context.counters();
        return new FeedStats(counters.acceptedCount(), counters.rejectedCount(), admission.maxAttemptsInAnyWindow(),
                context.subscribeMeter().maxInAnyWindow(), counters.violationCount(), counters.framesSentCount(),
                context.registry().size());
    }

    private void beat() {
        Heartbeat beat = new Heartbeat(++heartbeatCounter, settings.clock().instant(),
                settings.nanoTime().getAsLong() - startNanos);
        for (FeedSession session : context.registry().all()) {
            session.offerHeartbeat(beat);
        }
    }

    private void batchTick() {
        for (FeedSession session : context.registry().all()) {
            session.offerBatchTimer();
        }
    }

    /** Stops accepting, drops every connection and releases the event loops within about a second. */
    @Override
    public void close() {
        timers.forEach(timer -> timer.cancel(false));
        serverChannel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        shutdownGroups();
    }

    private void shutdownGroups() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
