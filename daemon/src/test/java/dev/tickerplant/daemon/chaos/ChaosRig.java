package dev.tickerplant.daemon.chaos;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.fanout.SubscriberView;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.sim.feed.SimConnection;
import dev.tickerplant.sim.market.Tick;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The stack a chaos run exercises, all in this JVM: the simulator (upstream, owned here so faults and the emitted-tick
 * log are at hand), the daemon pointed at it exactly as an operator would with settings, and downstream subscribers.
 */
final class ChaosRig implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration DELIVERY_POLL = Duration.ofMillis(200);

    final ChaosOptions options;
    final Simulator sim;
    final Daemon daemon;
    final DeliveryLedger ledger;
    final List<ChaosSubscriber> subscribers = new ArrayList<>();
    final Set<String> followed;
    final long startNanos = System.nanoTime();
    final long fullCoverageAfterMillis;
    private final Map<String, SubscriberView> lastViews = new ConcurrentHashMap<>();
    private final Path workDir;

    ChaosRig(ChaosOptions options, int redundancy) throws IOException, InterruptedException {
        this.options = options;
        this.workDir = Files.createTempDirectory("tickerplant-chaos");
        // Room for every tick of the run, so that no window ever reaches past what the log remembers.
        int logCapacity = (int) Math.min(5_000_000, options.tickRate() * (options.faultPhase().toSeconds() + 600));
        sim = Simulator.start(SimulatorOptions.defaults().withTickRate(options.tickRate()).withSeed(options.seed())
                .withEmittedLogCapacity(logCapacity));
        Daemon started = null;
        try {
            started = Daemon.start(SettingsLoader.load(new String[] {
                    "--upstream-url", sim.advancedTradeUri().toString(),
                    "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", workDir.resolve("catalog-cache.json").toString(),
                    "--listen-port", "0",
                    "--redundancy", Integer.toString(redundancy),
                    "--health-log-interval", "10s"}, Map.of()));
            daemon = started;
            followed = Set.copyOf(daemon.plan().shards().stream().flatMap(s -> s.productIds().stream()).toList());
            awaitFullCoverage(Duration.ofSeconds(60));
            fullCoverageAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            ledger = new DeliveryLedger(options.subscribers());
            for (int i = 0; i < options.subscribers(); i++) {
                // Spread the slow ones out rather than bunching them at the end.
                boolean slow = options.slowSubscribers() > 0
                        && i % (options.subscribers() / options.slowSubscribers()) == 0
                        && subscribers.stream().filter(s -> s.slow).count() < options.slowSubscribers();
                ChaosSubscriber subscriber = new ChaosSubscriber(i, slow, daemon.fanout().port(), ledger);
                subscribers.add(subscriber);
                subscriber.start();
            }
            for (ChaosSubscriber subscriber : subscribers) {
                if (!subscriber.awaitSubscribed(10_000) || subscriber.failure() != null) {
                    throw new IllegalStateException("subscriber " + subscriber.index + " did not subscribe: "
                            + subscriber.failure());
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            closeQuietly(started);
            sim.close();
            throw e;
        }
    }

    /**
     * Notes every client's figures as the server reports them now. A slow client the server closes (4001, after
     * {@code slow-client-timeout} unwritable) leaves the server's list, so its conflation is read from the last note.
     */
    void observeSubscribers() {
        for (SubscriberView view : daemon.fanout().view().subscribers()) {
            lastViews.put(view.id(), view);
        }
    }

    /** Ticks the server conflated away for this subscriber, as last observed. */
    long conflatedFor(ChaosSubscriber subscriber) {
        SubscriberView view = lastViews.get(subscriber.clientId());
        return view == null ? 0 : view.dropped();
    }

    UpstreamConductor upstream() {
        return daemon.upstream();
    }

    List<UpstreamSession> sessions() {
        return daemon.upstream().sessions();
    }

    boolean fullCoverage() {
        UpstreamConductor up = daemon.upstream();
        return up.streamingCount() == up.sessions().size() && up.productsReceiving() == up.plannedProducts();
    }

    void awaitFullCoverage(Duration timeout) {
        if (!await(timeout, this::fullCoverage)) {
            UpstreamConductor up = daemon.upstream();
            throw new IllegalStateException("no full coverage within " + timeout.toSeconds() + " s: "
                    + up.streamingCount() + "/" + up.sessions().size() + " streaming, " + up.productsReceiving()
                    + "/" + up.plannedProducts() + " products receiving");
        }
    }

    /** The simulator's end of a session's current socket, if it has one. */
    Optional<SimConnection> simConnectionOf(UpstreamSession session) {
        String local = session.stats().localAddress();
        if (local == null) {
            return Optional.empty();
        }
        return sim.connections().stream().filter(c -> c.remoteAddress().equals(local)).findFirst();
    }

    /** The newest emission number of every followed product: the edge of a measurement window. */
    Map<String, Long> emissionMark() {
        Map<String, Long> mark = new HashMap<>();
        for (String product : followed) {
            mark.put(product, 0L);
        }
        for (Tick tick : sim.emitted().all()) {
            if (mark.containsKey(tick.productId())) {
                mark.put(tick.productId(), Math.max(mark.get(tick.productId()), tick.emission()));
            }
        }
        return mark;
    }

    /** The ticks of {@code products} emitted after {@code from} and up to {@code to}. */
    List<Tick> emittedBetween(Map<String, Long> from, Map<String, Long> to, Set<String> products) {
        List<Tick> window = new ArrayList<>();
        for (Tick tick : sim.emitted().all()) {
            String product = tick.productId();
            if (products.contains(product) && tick.emission() > from.getOrDefault(product, Long.MAX_VALUE)
                    && tick.emission() <= to.getOrDefault(product, -1L)) {
                window.add(tick);
            }
        }
        return window;
    }

    List<Integer> fastIndexes() {
        return subscribers.stream().filter(s -> !s.slow).map(s -> s.index).toList();
    }

    /**
     * Waits until every fast subscriber has caught up with the end of {@code window} (or {@code timeout} passes), then
     * returns the most any fast subscriber is missing of it: 0 when nothing was lost.
     *
     * <p>Caught up means: each has the newest tick of every product the window holds. The daemon delivers a
     * product's ticks in the order they were emitted, and that newest one does come, the window ending once the
     * connections stream again (as an update, or in the snapshot of a resubscribe). So once it is there, each older
     * tick of the product has arrived or never will: a lost tick is counted as lost without a guess at how long a
     * late one may take.
     */
    int awaitDelivered(List<Tick> window, Duration timeout) {
        List<Integer> fast = fastIndexes();
        List<Tick> newest = newestOfEachProduct(window);
        // A long window is costly to check: only the newest ticks are polled, the whole window counted once.
        await(timeout, DELIVERY_POLL, () -> ledger.mostMissing(fast, newest) == 0);
        return ledger.mostMissing(fast, window);
    }

    private static List<Tick> newestOfEachProduct(List<Tick> window) {
        Map<String, Tick> newest = new HashMap<>();
        for (Tick tick : window) {
            newest.merge(tick.productId(), tick, (a, b) -> a.emission() >= b.emission() ? a : b);
        }
        return List.copyOf(newest.values());
    }

    /** The subscriber threads that stopped on their own (closed by the daemon, a read error). */
    List<String> subscriberFailures() {
        return subscribers.stream().filter(s -> s.failure() != null)
                .map(s -> "subscriber " + s.index + ": " + s.failure()).toList();
    }

    Set<String> productsOf(UpstreamSession session) {
        return new HashSet<>(session.products());
    }

    /** Sessions in a stable order, for reproducible choices. */
    List<UpstreamSession> sortedSessions() {
        return sessions().stream().sorted(Comparator.comparing(UpstreamSession::name)).toList();
    }

    /** True once {@code condition} holds, false if it did not within {@code timeout}: the run goes on and reports. */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        return await(timeout, POLL, condition);
    }

    private static boolean await(Duration timeout, Duration poll, BooleanSupplier condition) {
        try {
            Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(poll)
                    .pollInSameThread().until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** Stops subscribers, then the daemon, then the simulator. */
    @Override
    public void close() throws InterruptedException {
        for (ChaosSubscriber subscriber : subscribers) {
            subscriber.close();
        }
        closeQuietly(daemon);
        sim.close();
        try (var files = Files.list(workDir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(workDir);
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    private static void closeQuietly(Daemon daemon) {
        if (daemon != null) {
            daemon.close();
        }
    }
}
