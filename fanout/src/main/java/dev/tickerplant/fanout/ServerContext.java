package dev.tickerplant.fanout;

import dev.tickerplant.fanout.history.TickHistory;
import dev.tickerplant.fanout.security.AccessPolicy;
import dev.tickerplant.ingest.ring.MarketView;
import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** What every client connection shares: options, market, history, figures, its event loop's fanout and the clock. */
final class ServerContext {
    final FanoutOptions options;
    final MarketView market;
    final TickHistory history;
    final ServerFigures figures;
    final UpstreamWatcher upstream;
    final String version;
    final LongSupplier nanoTime;
    final LongSupplier epochNanos;
    final CommandExecutor commands;
    /** Token, origin and per-address checks for upgrades and /api/*, shared by every connection of the server. */
    final AccessPolicy access;
    /** The plug-in endpoints served next to {@code /ws}. */
    final PluginEndpoints endpoints;
    /** The server's nanoTime when it was made: plug-ins may report the uptime since. */
    final long startNanos;
    private final AtomicLong nextClientId = new AtomicLong();
    private volatile Map<EventExecutor, LoopFanout> loops = Map.of();
    private volatile boolean closing;

    ServerContext(FanoutOptions options, MarketView market, TickHistory history, ServerFigures figures,
                  UpstreamWatcher upstream, String version, LongSupplier nanoTime, LongSupplier epochNanos,
                  PluginEndpoints endpoints) {
        this.options = options;
        this.market = market;
        this.history = history;
        this.figures = figures;
        this.upstream = upstream;
        this.version = version;
        this.nanoTime = nanoTime;
        this.epochNanos = epochNanos;
        this.commands = new CommandExecutor(this);
        this.access = new AccessPolicy(options.access());
        this.endpoints = endpoints;
        this.startNanos = nanoTime.getAsLong();
    }

    String nextClientId() {
        return "c-" + nextClientId.incrementAndGet();
    }

    void loops(Map<EventExecutor, LoopFanout> value) {
        loops = Map.copyOf(value);
    }

    LoopFanout loopOf(EventExecutor executor) {
        return loops.get(executor);
    }

    boolean closing() {
        return closing;
    }

    void startClosing() {
        closing = true;
    }

    /** Takes a client slot; false when {@code maxClients} are already connected. */
    boolean admitClient() {
        if (figures.clients.incrementAndGet() > options.maxClients()) {
            figures.clients.decrementAndGet();
            return false;
        }
        return true;
    }
}
