package dev.tickerplant.ingest.upstream;

import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.ingest.plan.Shard;
import dev.tickerplant.ingest.ring.TickOrigin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream connection (one shard of products) and its whole life: connect under the shared rate limits,
 * subscribe, stream, and after any close, back off and reconnect. The session decides <em>when</em>: its state and
 * every deadline run on its {@link Timers} (the pinned event loop in production, a test's clock in unit tests); its
 * {@link UpstreamConnector} does <em>how</em> (bootstrap, TLS, WebSocket handshake); the shared
 * {@link SubscribeScheduler} paces connects and subscribe messages. Everything runs on one thread, so the state needs
 * no locks; other threads only read the volatile figures in {@link UpstreamStats}.
 *
 * <p>Closing a link is the only way into reconnect: the watchdog, a subscribe timeout, a server close, a failed
 * handshake all close the channel, and {@link #onLinkClosed} alone decides what comes next.
 */
public final class UpstreamSession {
    private static final Logger log = LoggerFactory.getLogger(UpstreamSession.class);

    private final int id;
    private final int shardId;
    private final int leg;
    private final String name;
    /**
     * What this connection is to carry: the shard's products, changed at run time by {@link #resubscribe}. Written on
     * the session's loop, read by other threads; a link subscribes to the list of the moment it opens.
     */
    private volatile List<String> products;
    private final UpstreamContext context;
    private final Timers timers;
    private final UpstreamConnector connector;
    private final SubscribeScheduler scheduler;
    private final BackoffState backoff;
    private final GoingAwayAllowance goingAwayAllowance =
            new GoingAwayAllowance(PROMPT_RECONNECTS_PER_MINUTE, TimeUnit.MINUTES.toNanos(1));
    private final UpstreamStats stats;
    private final LogThrottle malformedThrottle = new LogThrottle();
    private UpstreamState state = UpstreamState.IDLE;
    private long stateSinceNanos;
    private UpstreamLink primary;
    private UpstreamLink successor;
    /** The link a rotation replaced, still read until {@link #RETIRE_DRAIN_NANOS} has passed. */
    private UpstreamLink retiring;
    private Timers.Scheduled retireClose;
    private long nextLinkId;
    private Timers.Scheduled pendingReconnect;
    private Timers.Scheduled productsRetry;
    private Timers.Scheduled rotationDeadline;
    private Timers.Scheduled tickerRateSample;
    private long rateSampleNanos;
    private long rateSampleTickers;

    /**
     * How long a rotated-out link stays open after its replacement delivered data. A tick the exchange sent on the old
     * connection just before the new one was subscribed can still be on its way (another server, another socket)
     * when the new one has already delivered a later tick; closing at once would drop it. Ticks read meanwhile on
     * both links are duplicates, which the ring consumer drops.
     */
    static final long RETIRE_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * 1001 "going away" closes (the exchange's deploys) that may reconnect at once, without backoff, per minute; more
     * than that within a minute is a flapping server, and it backs off like any failure.
     */
    static final int PROMPT_RECONNECTS_PER_MINUTE = 3;

    /** How often {@link UpstreamStats#tickersPerSecond()} is worked out: the interval it averages over. */
    static final long TICKER_RATE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    UpstreamSession(int id, Shard shard, int leg, int legs, UpstreamContext context, Timers timers,
                    UpstreamConnector connector) {
        this.id = id;
        this.shardId = shard.id();
        this.leg = leg;
        // conn-07 without redundancy; conn-07a / conn-07b for the two legs of shard 7.
        this.name = String.format("conn-%02d", shard.id()) + (legs > 1 ? String.valueOf((char) ('a' + leg)) : "");
        this.products = List.copyOf(shard.productIds());
        this.context = context;
        this.timers = timers;
        this.connector = connector;
        this.scheduler = context.subscribeScheduler();
        this.backoff = new BackoffState(context.backoff());
        this.stats = new UpstreamStats(id, name, products, shardId, leg);
        this.stateSinceNanos = timers.nanoTime();
    }

    public int id() {
        return id;
    }

    /** The shard this session follows; its redundant legs share it. */
    public int shardId() {
        return shardId;
    }

    /** 0 for leg A, 1 for leg B. */
    public int leg() {
        return leg;
    }

    public String name() {
        return name;
    }

    public List<String> products() {
        return products;
    }

    public UpstreamStats stats() {
        return stats;
    }

    /** Starts connecting (under the shared connect limit). */
    public void start() {
        timers.execute(() -> {
            if (state == UpstreamState.IDLE) {
                rateSampleNanos = timers.nanoTime();
                tickerRateSample = timers.schedule(this::sampleTickerRate, TICKER_RATE_INTERVAL_NANOS);
                state(UpstreamState.CONNECTING, "start");
                scheduler.admitConnect(timers, () -> connect(false));
            }
        });
    }

    /**
     * Make-before-break replacement: opens a second link, waits for its ack and first data, then closes the old one.
     * The ring consumer drops the overlap as duplicates. Ignored unless streaming and not already rotating.
     */
    public void rotate(String reason) {
        timers.execute(() -> {
            if (state != UpstreamState.STREAMING || successor != null) {
                log.info("[{}] rotation skipped ({}): state {}{}", name, reason, state,
                        successor != null ? ", already rotating" : "");
                return;
            }
            startRotation(reason);
        });
    }

    private void startRotation(String reason) {
        log.info("[{}] rotating ({}): opening a replacement before closing link {}", name, reason, primary.linkId());
        stats.rotations.increment();
        scheduler.admitConnect(timers, () -> connect(true));
    }

    /**
     * Make-before-break change of the products this connection carries: a streaming connection rotates to a link
     * subscribed to {@code next} and closes the old one only once the new one delivers; one that is not streaming
     * subscribes to {@code next} on its next link. A change that arrives while a rotation runs follows once that
     * rotation ends.
     */
    public void resubscribe(List<String> next, String reason) {
        List<String> wanted = List.copyOf(next);
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("next: [] (expected at least one product; stop() a connection that "
                    + "carries none)");
        }
        timers.execute(() -> {
            if (state == UpstreamState.CLOSED || wanted.equals(products)) {
                return;
            }
            List<String> was = products;
            products = wanted;
            stats.products = wanted;
            log.info("[{}] products change ({}): {} -> {} products{}", name, reason, was.size(), wanted.size(),
                    state == UpstreamState.STREAMING ? "" : "; the next link subscribes to them");
            followProductsIfStreaming();
        });
    }

    /** Rotates when the streaming link carries another list than {@link #products}, unless a rotation already runs. */
    private void followProductsIfStreaming() {
        if (state == UpstreamState.STREAMING && successor == null && primary != null
                && !primary.products().equals(products)) {
            startRotation("products changed");
        }
    }

    /** Closes for good (shutdown). Completes asynchronously on the session's loop. */
    public void stop() {
        timers.execute(() -> {
            if (state == UpstreamState.CLOSED) {
                return;
            }
            state(UpstreamState.CLOSED, "shutdown");
            cancel(tickerRateSample);
            cancel(pendingReconnect);
            cancel(productsRetry);
            cancel(rotationDeadline);
            cancel(retireClose);
            if (successor != null) {
                successor.close("shutdown");
            }
            if (retiring != null) {
                retiring.close("shutdown");
            }
            if (primary != null) {
                primary.close("shutdown");
            }
        });
    }

    /** Closes the current link as if the network had failed (operator or test action); the session reconnects. */
    public void forceReconnect(String reason) {
        timers.execute(() -> {
            if (primary != null) {
                primary.close(reason);
            }
        });
    }

    // ---- connecting ----------------------------------------------------------------------------------------------

    private void connect(boolean asSuccessor) {
        if (state == UpstreamState.CLOSED) {
            return;
        }
        if (asSuccessor && (state != UpstreamState.STREAMING || successor != null)) {
            return;
        }
        UpstreamLink link = new UpstreamLink(this, ++nextLinkId, context.options().dialect().newDecoder(),
                timers.nanoTime(), products);
        if (asSuccessor) {
            successor = link;
            rotationDeadline = timers.schedule(() -> {
                if (successor == link) {
                    link.close("replacement did not ack and deliver data within "
                            + context.options().rotationTimeout().toMillis() + " ms");
                }
            }, context.options().rotationTimeout().toNanos());
        } else {
            primary = link;
        }
        stats.connectAttempts.increment();
        // One task later: a protocol violation (a frame over the size limit) makes Netty's frame decoder close the
        // channel before it throws, so the exception that names the reason reaches the link only after the close;
        // handling the close one task later lets it be recorded first.
        connector.connect(link, () -> timers.execute(() -> onLinkClosed(link)));
    }

    void onHandshakeComplete(UpstreamLink link) {
        UpstreamDialect protocol = context.options().dialect();
        Supplier<String> ticker = protocol.tickerSubscribe(link.products(), context.jwt());
        Optional<Supplier<String>> keepAlive = protocol.keepAliveSubscribe(context.jwt());
        // Booked before this session leaves CONNECTING, so no waiting keep-alive can take the slot it is owed.
        scheduler.bookTickerSubscribe(timers, () -> {
            link.send(ticker.get());
            if (keepAlive.isPresent()) {
                scheduler.bookKeepAlive(timers, link::isOpen, () -> {
                    link.send(keepAlive.get().get());
                    onKeepAliveSent(link);
                });
            } else {
                onKeepAliveSent(link);
            }
        });
        if (link == primary) {
            stats.localAddress = addressOf(link);
            state(UpstreamState.SUBSCRIBING, "WebSocket open after " + millisSince(link.openedNanos) + " ms");
        } else {
            log.info("[{}] replacement link {} open after {} ms; subscribing", name, link.linkId(),
                    millisSince(link.openedNanos));
        }
        timers.schedule(() -> {
            if (!link.acked()) {
                link.close("no subscriptions ack within " + context.options().subscribeTimeout().toMillis() + " ms");
            }
        }, context.options().subscribeTimeout().toNanos());
    }

    /**
     * From the keep-alive subscribe on, the server owes this link a frame at least once a second, so this is where
     * the watchdog starts. Not earlier: before it, a link whose products are quiet is silent and healthy, and one that
     * is not acked is closed by the subscribe timeout instead.
     */
    private void onKeepAliveSent(UpstreamLink link) {
        UpstreamOptions options = context.options();
        new LinkWatchdog(timers, link, options.watchdogTimeout().toNanos(), options.pingInterval().toNanos(),
                () -> onWatchdogExpired(link)).start();
        timers.schedule(() -> {
            if (!link.keepAliveAcked()) {
                link.close("no " + options.dialect().keepAliveChannel() + " ack within "
                        + options.subscribeTimeout().toMillis() + " ms");
            }
        }, options.subscribeTimeout().toNanos());
    }

    void onAcked(UpstreamLink link, List<String> acked) {
        reconcile(link, acked);
        if (link == primary) {
            state(UpstreamState.STREAMING, "subscriptions ack for " + acked.size() + "/" + link.products().size()
                    + " products after " + millisSince(link.openedNanos) + " ms");
            stats.streamingSinceNanos = timers.nanoTime();
            publishLinkFigures(link);
            followProductsIfStreaming();
        } else {
            promoteIfReady(link);
        }
    }

    void onFirstData(UpstreamLink link) {
        if (link == successor) {
            promoteIfReady(link);
        }
    }

    private void promoteIfReady(UpstreamLink link) {
        if (link != successor || !link.acked() || !link.deliveredData()) {
            return;
        }
        cancel(rotationDeadline);
        UpstreamLink old = primary;
        primary = link;
        successor = null;
        stats.localAddress = addressOf(link);
        stats.rotationsCompleted.increment();
        stats.streamingSinceNanos = timers.nanoTime();
        log.info("[{}] rotation complete: link {} streaming, closing link {} in {} ms after {} messages", name,
                link.linkId(), old.linkId(), TimeUnit.NANOSECONDS.toMillis(RETIRE_DRAIN_NANOS), old.messages);
        retire(old);
        publishLinkFigures(link);
        followProductsIfStreaming();
    }

    /** Keeps reading the replaced link for {@link #RETIRE_DRAIN_NANOS}, then closes it. */
    private void retire(UpstreamLink old) {
        if (retiring != null) {
            retiring.close("rotated out");
        }
        retiring = old;
        cancel(retireClose);
        retireClose = timers.schedule(() -> {
            retireClose = null;
            if (retiring == old) {
                retiring = null;
                old.close("rotated out");
            }
        }, RETIRE_DRAIN_NANOS);
    }

    private void reconcile(UpstreamLink link, List<String> acked) {
        List<String> requested = link.products();
        Set<String> missing = new HashSet<>(requested);
        missing.removeAll(acked);
        Set<String> extra = new HashSet<>(acked);
        requested.forEach(extra::remove);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            log.warn("[{}] link {} ack differs from request: requested {}, acked {}; missing {}; unrequested {}",
                    name, link.linkId(), requested.size(), acked.size(), sorted(missing), sorted(extra));
        }
        stats.ackedProducts = acked.size() - extra.size();
    }

    // ---- closing and reconnecting --------------------------------------------------------------------------------

    private void onLinkClosed(UpstreamLink link) {
        String reason = link.closeReason();
        if (link == successor) {
            successor = null;
            cancel(rotationDeadline);
            log.warn("[{}] rotation abandoned, keeping link {}: replacement link {} closed ({})", name,
                    primary != null ? primary.linkId() : -1, link.linkId(), reason);
            if (primary != null && !primary.products().equals(products) && state == UpstreamState.STREAMING) {
                // A product change still waits: tried again one rotation timeout later, not at once, so that a
                // replacement that cannot subscribe does not turn into a tight loop of connects.
                cancel(productsRetry);
                productsRetry = timers.schedule(this::followProductsIfStreaming,
                        context.options().rotationTimeout().toNanos());
            }
            return;
        }
        if (link != primary) {
            if (link == retiring) {
                retiring = null;
                cancel(retireClose);
            }
            log.info("[{}] link {} closed ({}) after {} ms, {} messages", name, link.linkId(), reason,
                    millisSince(link.openedNanos), link.messages);
            return;
        }
        primary = null;
        stats.lastCloseReason = reason;
        if (state == UpstreamState.CLOSED) {
            log.info("[{}] closed after {} ms, {} messages", name, millisSince(link.openedNanos), link.messages);
            if (successor != null) {
                successor.close("shutdown");
            }
            return;
        }
        long now = timers.nanoTime();
        // The backoff starts over only when the link that closed had streamed (acked) for backoffResetAfter: a
        // connection that flaps right after its ack keeps backing off.
        long streamedNanos = state == UpstreamState.STREAMING ? now - stats.streamingSinceNanos : 0;
        if (streamedNanos >= context.options().backoffResetAfter().toNanos()) {
            backoff.reset();
        }
        stats.streamingSinceNanos = 0;
        stats.flowingProducts = 0;
        stats.flowingProductIds = java.util.Set.of();
        stats.ackedProducts = 0;
        if (successor != null) {
            // The replacement is already on its way: let it take over instead of starting a third link.
            UpstreamLink next = successor;
            successor = null;
            cancel(rotationDeadline);
            primary = next;
            state(next.acked() ? UpstreamState.STREAMING : UpstreamState.SUBSCRIBING,
                    "link " + link.linkId() + " closed (" + reason + "); replacement link " + next.linkId()
                            + " takes over");
            if (next.acked()) {
                stats.streamingSinceNanos = now;
            }
            return;
        }
        boolean wentAway = link.serverWentAway();
        if (wentAway && goingAwayAllowance.tryTake(now)) {
            // A deploy, not a failure: waiting out a backoff would only lose what trades meanwhile. The connect still
            // takes its slot of the shared pacing, and the backoff attempts stay where they were.
            state(UpstreamState.CONNECTING, reason + "; reconnecting without backoff");
            stats.goingAway.increment();
            scheduler.admitConnect(timers, () -> connect(false));
            return;
        }
        long delay = backoff.nextDelayNanos();
        String line = String.format("[%s] %s -> BACKOFF after %d ms, link %d had %d messages: %s%s; reconnect in %d ms"
                        + " (attempt %d)", name, state, millisSince(stateSinceNanos), link.linkId(), link.messages,
                reason, wentAway ? " (more than " + PROMPT_RECONNECTS_PER_MINUTE + " within a minute)" : "",
                TimeUnit.NANOSECONDS.toMillis(delay), backoff.attempts());
        state(UpstreamState.BACKOFF, reason, false);
        // Counted only after the state has left STREAMING: a reader that sees the new count and then reads
        // STREAMING knows the new link streams, not the old one that has just closed.
        stats.reconnects.increment();
        if (wentAway) {
            stats.goingAway.increment();
        }
        context.logReconnect(line);
        pendingReconnect = timers.schedule(() -> {
            pendingReconnect = null;
            if (state == UpstreamState.BACKOFF) {
                state(UpstreamState.CONNECTING, "backoff elapsed");
                scheduler.admitConnect(timers, () -> connect(false));
            }
        }, delay);
    }

    /**
     * Tickers per second over the interval that just ended, for operators comparing connections by traffic (a
     * priority product's connection should be among the busiest). Off the tick path: one counter read per interval.
     */
    private void sampleTickerRate() {
        long now = timers.nanoTime();
        long tickers = stats.tickers.sum();
        stats.tickersPerSecond = (tickers - rateSampleTickers) * (double) TimeUnit.SECONDS.toNanos(1)
                / (now - rateSampleNanos);
        rateSampleNanos = now;
        rateSampleTickers = tickers;
        tickerRateSample = timers.schedule(this::sampleTickerRate, TICKER_RATE_INTERVAL_NANOS);
    }

    private void onWatchdogExpired(UpstreamLink link) {
        stats.watchdogExpiries.increment();
        link.close("watchdog: no frame for " + context.options().watchdogTimeout().toMillis() + " ms");
    }

    // ---- frames ----------------------------------------------------------------------------------------------------

    void publish(TickerSlot ticker, TickOrigin origin) {
        stats.tickers.increment();
        if (!context.ring().tryPublish(ticker, origin)) {
            stats.ringDrops.increment();
        }
    }

    void onFrame(UpstreamLink link, long nowNanos) {
        stats.frames.increment();
        stats.lastFrameNanos = nowNanos;
    }

    void onHeartbeat(UpstreamLink link) {
        stats.heartbeats.increment();
        if (link == primary) {
            publishLinkFigures(link);
        }
    }

    void onIgnored(UpstreamLink link) {
        stats.ignoredFrames.increment();
    }

    void onErrorMessage(UpstreamLink link, String message, String reason) {
        stats.errorMessages.increment();
        log.warn("[{}] link {} exchange error: {}{}", name, link.linkId(), message,
                reason != null ? " (" + reason + ")" : "");
    }

    void onMalformed(UpstreamLink link, String detail) {
        stats.malformedFrames.increment();
        if (malformedThrottle.shouldWarn(timers.nanoTime())) {
            int suppressed = malformedThrottle.takeSuppressedCount();
            log.warn("[{}] link {} malformed frame skipped: {}{}", name, link.linkId(), detail,
                    suppressed > 0 ? " (" + suppressed + " similar suppressed)" : "");
        }
    }

    void onSequenceGap(UpstreamLink link, long expected, long actual) {
        stats.sequenceGaps.increment();
        stats.missedMessages.add(actual - expected);
        log.debug("[{}] link {} sequence gap: expected {}, got {}", name, link.linkId(), expected, actual);
    }

    void onOutOfOrder(UpstreamLink link, long expected, long actual) {
        stats.outOfOrder.increment();
        log.debug("[{}] link {} out-of-order frame: expected {}, got {}", name, link.linkId(), expected, actual);
    }

    private void publishLinkFigures(UpstreamLink link) {
        int flowing = link.flowingProducts();
        if (flowing != stats.flowingProducts || stats.flowingProductIds.size() != flowing) {
            stats.flowingProductIds = link.flowingIds();
            stats.flowingProducts = flowing;
        }
    }

    // ---- state -----------------------------------------------------------------------------------------------------

    private void state(UpstreamState next, String reason) {
        state(next, reason, true);
    }

    /** The one place that changes state; every transition is logged with its reason and the time spent before it. */
    private void state(UpstreamState next, String reason, boolean logIt) {
        long now = timers.nanoTime();
        if (logIt) {
            log.info("[{}] {} -> {} after {} ms: {}", name, state, next,
                    TimeUnit.NANOSECONDS.toMillis(now - stateSinceNanos), reason);
        }
        if (state == UpstreamState.CONNECTING && next != UpstreamState.CONNECTING) {
            scheduler.connectingEnded();
        } else if (next == UpstreamState.CONNECTING && state != UpstreamState.CONNECTING) {
            scheduler.connectingStarted();
        }
        state = next;
        stateSinceNanos = now;
        stats.state = next;
    }

    UpstreamDialect protocol() {
        return context.options().dialect();
    }

    long nanoTime() {
        return timers.nanoTime();
    }

    long epochNanos() {
        return context.epochNanos();
    }

    private long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(timers.nanoTime() - nanos);
    }

    private static String addressOf(UpstreamLink link) {
        java.net.SocketAddress local = link.channel().localAddress();
        if (local instanceof java.net.InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(local);
    }

    private static void cancel(Timers.Scheduled scheduled) {
        if (scheduled != null) {
            scheduled.cancel();
        }
    }

    private static List<String> sorted(Set<String> s) {
        List<String> list = new ArrayList<>(s);
        list.sort(null);
        return list;
    }
}
