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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final UpstreamContext context;
    private final UpstreamOptions options;
    private final SslContext ssl;
    private final LongSupplier nanoTime;
    /** Replaced whole when the plan changes (all A legs first, then all B legs); readers see one list or the next. */
    private volatile List<UpstreamSession> sessions;
    /** The event loop each session and its channels are pinned to. */
    private final Map<UpstreamSession, EventLoop> loops = new ConcurrentHashMap<>();
    private final int redundancy;
    private int nextSessionId;
    private boolean started;

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
        this.context = new UpstreamContext(options,
                new SubscribeScheduler(connectLimiter, subscribeLimiter), backoff, ring, jwt, nanoTime, epochNanos);
        this.options = options;
        this.ssl = ssl;
        this.nanoTime = nanoTime;
        this.sessions = List.copyOf(newSessions(plan.shards()));
    }

    /**
     * Sessions for {@code shards}, all A legs first, then all B legs: the shared connect limiter then staggers each B
     * well after its A, and the two legs of a shard land on different event loops whenever there are two.
     */
    private List<UpstreamSession> newSessions(List<Shard> shards) {
        List<UpstreamSession> list = new ArrayList<>();
        for (int leg = 0; leg < redundancy; leg++) {
            for (Shard shard : shards) {
                EventLoop loop = group.next();
                UpstreamSession session = new UpstreamSession(nextSessionId++, shard, leg, redundancy, context,
                        new EventLoopTimers(loop, nanoTime), new WebSocketConnector(options, ssl, transport, loop));
                loops.put(session, loop);
                list.add(session);
            }
        }
        return list;
    }

    public synchronized void start() {
        started = true;
        sessions.forEach(UpstreamSession::start);
    }

    /**
     * Follows a new plan with the fewest changes to the connections: a shard whose products did not change keeps its
     * connections untouched; one whose products changed resubscribes them make-before-break
     * ({@link UpstreamSession#resubscribe}); a new shard gets new connections (started when this conductor is);
     * connections of a shard the plan no longer has are stopped. Shards are matched by id.
     */
    public synchronized PlanApplied apply(ShardPlan next, String reason) {
        Map<Integer, List<UpstreamSession>> current = new HashMap<>();
        for (UpstreamSession session : sessions) {
            current.computeIfAbsent(session.shardId(), id -> new ArrayList<>()).add(session);
        }
        List<UpstreamSession> kept = new ArrayList<>();
        List<Shard> added = new ArrayList<>();
        int changed = 0;
        for (Shard shard : next.shards()) {
            List<UpstreamSession> legs = current.remove(shard.id());
            if (legs == null) {
                added.add(shard);
                continue;
            }
            for (UpstreamSession leg : legs) {
                if (!leg.products().equals(shard.productIds())) {
                    leg.resubscribe(shard.productIds(), reason);
                    changed++;
                }
                kept.add(leg);
            }
        }
        List<UpstreamSession> opened = newSessions(added);
        int closed = 0;
        for (List<UpstreamSession> gone : current.values()) {
            for (UpstreamSession session : gone) {
                session.stop();
                loops.remove(session);
                closed++;
            }
        }
        List<UpstreamSession> all = new ArrayList<>(kept);
        all.addAll(opened);
        all.sort(Comparator.comparingInt(UpstreamSession::leg).thenComparingInt(UpstreamSession::shardId));
        sessions = List.copyOf(all);
        if (started) {
            opened.forEach(UpstreamSession::start);
        }
        return new PlanApplied(opened.size(), changed, closed);
    }

    /**
     * What {@link #apply} set going, counted in connections (each leg one).
     *
     * @param opened  new connections
     * @param changed connections resubscribing to a changed product list
     * @param closed  connections stopped
     */
    public record PlanApplied(int opened, int changed, int closed) {
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

    /** The connection of this name, if there is one now. */
    public Optional<UpstreamSession> session(String name) {
        return sessions.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The connection of this id, if there is one now. */
    public Optional<UpstreamSession> session(int id) {
        return sessions.stream().filter(s -> s.id() == id).findFirst();
    }

    /** The event loop {@code session} and every channel it opens are pinned to. */
    EventLoop loopOf(UpstreamSession session) {
        return loops.get(session);
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
        Map<Integer, Integer> bestByShard = new HashMap<>();
        for (UpstreamSession s : sessions) {
            UpstreamStats st = s.stats();
            int receiving = st.streaming() ? Math.min(st.flowingProducts(), s.products().size()) : 0;
            bestByShard.merge(s.shardId(), receiving, Math::max);
        }
        int n = 0;
        for (int best : bestByShard.values()) {
            n += best;
        }
        return n;
    }

    /** Products the connections are to carry, each shard counted once (its first leg). */
    public int plannedProducts() {
        int n = 0;
        for (UpstreamSession s : sessions) {
            if (s.leg() == 0) {
                n += s.products().size();
            }
        }
        return n;
    }

    /** Stops every session, then the event loops; waits at most {@code timeoutMillis}. */
    public void close(long timeoutMillis) {
        synchronized (this) {
            sessions.forEach(UpstreamSession::stop);
        }
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

    /**
     * The wall clock less the monotonic one, from the tightest of a few bracketed reads: a thread preempted between
     * the two reads (a loaded machine, at start-up) would otherwise skew every receive time by the pause.
     */
    private static long calibrate() {
        long offset = 0;
        long tightest = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            long before = System.nanoTime();
            java.time.Instant now = java.time.Instant.now();
            long after = System.nanoTime();
            if (after - before < tightest) {
                tightest = after - before;
                offset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - (before + (after - before) / 2);
            }
        }
        return offset;
    }
}
