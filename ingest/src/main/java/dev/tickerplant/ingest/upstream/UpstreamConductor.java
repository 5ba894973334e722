package dev.tickerplant.ingest.upstream;

import dev.tickerplant.ingest.plan.Shard;
import dev.tickerplant.ingest.plan.ShardPlan;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.transport.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Owns every upstream session of a shard plan, the event loops they run on and the limits they share. Sessions are
 * spread round-robin over the loops and each stays on its loop for life.
 */
public final class UpstreamConductor implements AutoCloseable {
    private final Transport transport;
    private final EventLoopGroup group;
    private final List<UpstreamSession> sessions;
    /** The event loop each session (same index) and its channels are pinned to. */
    private final List<EventLoop> loops;
    private final int redundancy;

    /**
     * On {@link Transport#forThisProcess()}.
     *
     * @param jwt mints a fresh token per call; a supplier of null when no credentials are configured
     */
    public UpstreamConductor(ShardPlan plan, UpstreamOptions options, Optional<Path> trustCert, TickRing ring,
                             RateLimiter connectLimiter, RateLimiter subscribeLimiter, Backoff backoff,
                             Supplier<String> jwt, int eventLoopThreads) {
        this(plan, 1, options, trustCert, ring, connectLimiter, subscribeLimiter, backoff, jwt, eventLoopThreads);
    }

    /**
     * On {@link Transport#forThisProcess()}.
     *
     * @param redundancy legs per shard: 1, or 2 for independent A/B connections carrying the same products (the ring
     *                   consumer keeps the first arrival of each tick)
     */
    public UpstreamConductor(ShardPlan plan, int redundancy, UpstreamOptions options, Optional<Path> trustCert,
                             TickRing ring, RateLimiter connectLimiter, RateLimiter subscribeLimiter, Backoff backoff,
                             Supplier<String> jwt, int eventLoopThreads) {
        this(plan, redundancy, options, trustCert, ring, connectLimiter, subscribeLimiter, backoff, jwt,
                Transport.forThisProcess(), eventLoopThreads);
    }

    /** @param transport the event loops and socket channels of every upstream connection */
    public UpstreamConductor(ShardPlan plan, int redundancy, UpstreamOptions options, Optional<Path> trustCert,
                             TickRing ring, RateLimiter connectLimiter, RateLimiter subscribeLimiter, Backoff backoff,
                             Supplier<String> jwt, Transport transport, int eventLoopThreads) {
        this(plan, redundancy, options, trustCert, ring, connectLimiter, subscribeLimiter, backoff, jwt, transport,
                eventLoopThreads, System::nanoTime, UpstreamConductor::epochNanosNow);
    }

    UpstreamConductor(ShardPlan plan, int redundancy, UpstreamOptions options, Optional<Path> trustCert,
                      TickRing ring, RateLimiter connectLimiter, RateLimiter subscribeLimiter, Backoff backoff,
                      Supplier<String> jwt, Transport transport, int eventLoopThreads, LongSupplier nanoTime,
                      LongSupplier epochNanos) {
        if (redundancy < 1 || redundancy > 2) {
            throw new IllegalArgumentException("redundancy: " + redundancy + " (expected: 1 or 2)");
        }
        this.redundancy = redundancy;
        SslContext ssl = options.secure() ? UpstreamTls.clientContext(trustCert) : null;
        this.transport = transport;
        this.group = transport.group(eventLoopThreads, new DefaultThreadFactory("upstream", true));
        UpstreamContext context = new UpstreamContext(options,
                new SubscribeScheduler(connectLimiter, subscribeLimiter), backoff, ring, jwt, nanoTime, epochNanos);
        List<UpstreamSession> list = new ArrayList<>();
        List<EventLoop> loopList = new ArrayList<>();
        // All A legs first, then all B legs: the shared connect limiter then staggers each B well after its A, and
        // the two legs of a shard land on different event loops whenever there are two.
        for (int leg = 0; leg < redundancy; leg++) {
            for (Shard shard : plan.shards()) {
                EventLoop loop = group.next();
                list.add(new UpstreamSession(list.size(), shard, leg, redundancy, context,
                        new EventLoopTimers(loop, nanoTime), new WebSocketConnector(options, ssl, transport, loop)));
                loopList.add(loop);
            }
        }
        this.sessions = List.copyOf(list);
        this.loops = List.copyOf(loopList);
    }

    public void start() {
        sessions.forEach(UpstreamSession::start);
    }

    /** The event loops every session runs on, for liveness checks that submit a task to each. */
    public List<EventLoop> eventLoops() {
        List<EventLoop> all = new ArrayList<>();
        group.forEach(executor -> all.add((EventLoop) executor));
        return all;
    }

    /** The transport of every upstream connection. */
    public Transport transport() {
        return transport;
    }

    public List<UpstreamSession> sessions() {
        return sessions;
    }

    /** The event loop {@code session} and every channel it opens are pinned to. */
    EventLoop loopOf(UpstreamSession session) {
        return loops.get(sessions.indexOf(session));
    }

    public List<UpstreamStats> stats() {
        return sessions.stream().map(UpstreamSession::stats).toList();
    }

    public int streamingCount() {
        int n = 0;
        for (UpstreamSession s : sessions) {
            if (s.stats().streaming()) {
                n++;
            }
        }
        return n;
    }

    /** Redundant legs per shard (1 or 2). */
    public int redundancy() {
        return redundancy;
    }

    /**
     * Products confirmed flowing on a streaming connection; with redundant legs a shard counts the better of its
     * legs, so one leg down costs no coverage.
     */
    public int productsReceiving() {
        int shards = sessions.size() / redundancy;
        int n = 0;
        for (int shard = 0; shard < shards; shard++) {
            int best = 0;
            for (int leg = 0; leg < redundancy; leg++) {
                UpstreamSession s = sessions.get(leg * shards + shard);
                UpstreamStats st = s.stats();
                if (st.streaming()) {
                    best = Math.max(best, Math.min(st.flowingProducts(), s.products().size()));
                }
            }
            n += best;
        }
        return n;
    }

    public int plannedProducts() {
        int n = 0;
        for (int i = 0, shards = sessions.size() / redundancy; i < shards; i++) {
            n += sessions.get(i).products().size();
        }
        return n;
    }

    /** Stops every session, then the event loops; waits at most {@code timeoutMillis}. */
    public void close(long timeoutMillis) {
        sessions.forEach(UpstreamSession::stop);
        group.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        close(2000);
    }

    /** Wall-clock offset taken once, so reading the receive time per frame costs a nanoTime call and no Instant. */
    private static final long EPOCH_OFFSET_NANOS = calibrate();

    private static long epochNanosNow() {
        return System.nanoTime() + EPOCH_OFFSET_NANOS;
    }

    private static long calibrate() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
    }
}
