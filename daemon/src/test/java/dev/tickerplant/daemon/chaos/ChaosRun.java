package dev.tickerplant.daemon.chaos;

import dev.tickerplant.daemon.testing.ProcessFigures;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import dev.tickerplant.sim.feed.SimConnection;
import dev.tickerplant.sim.market.Tick;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * The two chaos runs, shared by {@code ChaosTest} and {@code scripts/chaos}:
 * <ul>
 *   <li>{@link #redundant}: {@code redundancy = 2} under resets, stalls and malformed frames (nothing may be lost),
 *       then every connection closed with 1001 at once (both legs down: loss and recovery measured);</li>
 *   <li>{@link #singleLeg}: {@code redundancy = 1}, planned rotations (nothing may be lost), then unplanned drops one
 *       at a time (loss measured per drop; nothing may be lost on the other connections).</li>
 * </ul>
 */
final class ChaosRun {
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(15);
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(60);

    private ChaosRun() {
    }

    /** Figures of the redundant run. */
    record RedundantResult(int connections, int products, long fullCoverageMillis,
                                  List<Recoveries> recoveries, int faultsSkipped, long malformedSent,
                                  long malformedCounted, int faultWindowEmitted, int faultWindowMissing,
                                  long duplicates, long closeAllRecoveryMillis, int closeAllEmitted,
                                  int closeAllMissing, long slowConflated, long fastConflated, long slowClientsClosed,
                                  long slowTickers, long fastTickersMin, double writtenP50Ms, double writtenP99Ms,
                                  double writtenMaxMs, long harnessRecords, ProcessFigures beforeFaults,
                                  ProcessFigures afterFaults,
                                  ProcessFigures beforeStart, ProcessFigures afterStop,
                                  List<String> subscriberFailures) {

        List<String> lines(ChaosOptions options) {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "redundancy 2: %d products on %d connections (legs A and B), "
                    + "%.0f ticks/s, %d subscribers (%d slow), fault phase %d s, seed %d; full coverage %d ms after "
                    + "start", products, connections, options.tickRate(), options.subscribers(),
                    options.slowSubscribers(), options.faultPhase().toSeconds(), options.seed(), fullCoverageMillis));
            for (Recoveries recovery : recoveries) {
                lines.add(recovery.line());
            }
            lines.add(String.format(Locale.ROOT, "malformed frames: %d sent, %d counted by the daemon; %d faults "
                    + "skipped (no healthy shard at that moment)", malformedSent, malformedCounted, faultsSkipped));
            lines.add(String.format(Locale.ROOT, "fault phase: %d ticks emitted for followed products, each fast "
                    + "subscriber received %d of them (lost %d); ticks delivered twice: %d", faultWindowEmitted,
                    faultWindowEmitted - faultWindowMissing, faultWindowMissing, duplicates));
            lines.add(String.format(Locale.ROOT, "close all with 1001 (both legs at once): full coverage again after "
                    + "%d ms; %d ticks emitted from the close until then, %d of them lost",
                    closeAllRecoveryMillis, closeAllEmitted, closeAllMissing));
            lines.add(String.format(Locale.ROOT, "slow subscribers: %d tickers read, %d conflated away, %d closed "
                    + "with 4001 after slow-client-timeout; fast subscribers: at least %d tickers each, %d conflated",
                    slowTickers,
                    slowConflated, slowClientsClosed, fastTickersMin, fastConflated));
            lines.add(String.format(Locale.ROOT, "receive → written to a subscriber's socket: p50 %.2f ms, p99 %.2f "
                    + "ms, max %.2f ms", writtenP50Ms, writtenP99Ms, writtenMaxMs));
            lines.add("before → after the faults (daemon running): " + beforeFaults.comparedTo(afterFaults)
                    + String.format(Locale.ROOT, "; the heap then also holds the run's own %d records of emitted "
                    + "and received ticks", harnessRecords));
            lines.add("before start → after stop: " + beforeStart.comparedTo(afterStop));
            if (!subscriberFailures.isEmpty()) {
                lines.add("subscriber failures: " + subscriberFailures);
            }
            return lines;
        }

        /** Collects the figures as the run produces them. */
        static final class Builder {
            int connections;
            int products;
            long fullCoverageMillis;
            List<Recoveries> recoveries = List.of();
            int faultsSkipped;
            long malformedSent;
            long malformedCounted;
            int faultWindowEmitted;
            int faultWindowMissing;
            long duplicates;
            long closeAllRecoveryMillis;
            int closeAllEmitted;
            int closeAllMissing;
            long slowConflated;
            long fastConflated;
            long slowClientsClosed;
            long slowTickers;
            long fastTickersMin;
            double writtenP50Ms;
            double writtenP99Ms;
            double writtenMaxMs;
            long harnessRecords;
            ProcessFigures beforeFaults;
            ProcessFigures afterFaults;
            ProcessFigures beforeStart;
            ProcessFigures afterStop;
            List<String> subscriberFailures = List.of();

            RedundantResult build() {
                return new RedundantResult(connections, products, fullCoverageMillis, recoveries, faultsSkipped,
                        malformedSent, malformedCounted, faultWindowEmitted, faultWindowMissing, duplicates,
                        closeAllRecoveryMillis, closeAllEmitted, closeAllMissing, slowConflated, fastConflated,
                        slowClientsClosed, slowTickers, fastTickersMin, writtenP50Ms, writtenP99Ms, writtenMaxMs,
                        harnessRecords, beforeFaults, afterFaults, beforeStart, afterStop,
                        List.copyOf(subscriberFailures));
            }
        }
    }

    /** One unplanned drop in the single-leg run. */
    record Drop(String connection, int emitted, int lost, long recoveredMillis) {
    }

    /** Figures of the single-leg run. */
    record SingleLegResult(int connections, int products, long fullCoverageMillis, int rotationsRequested,
                                  int rotationsCompleted, long rotationsMillis, int rotationWindowEmitted,
                                  int rotationMissing, List<Drop> drops, int othersEmittedDuringDrops,
                                  int othersMissingDuringDrops, long duplicates, ProcessFigures beforeStart,
                                  ProcessFigures afterStop, List<String> subscriberFailures) {

        List<String> lines(ChaosOptions options) {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "redundancy 1: %d products on %d connections, %.0f ticks/s, %d "
                    + "subscribers (%d slow), seed %d; full coverage %d ms after start", products, connections,
                    options.tickRate(), options.subscribers(), options.slowSubscribers(), options.seed(),
                    fullCoverageMillis));
            lines.add(String.format(Locale.ROOT, "planned rotations: %d of %d completed in %d ms; %d ticks emitted "
                    + "meanwhile, lost %d", rotationsCompleted, rotationsRequested, rotationsMillis,
                    rotationWindowEmitted, rotationMissing));
            int lost = 0;
            int emitted = 0;
            for (Drop drop : drops) {
                lost += drop.lost();
                emitted += drop.emitted();
                lines.add(String.format(Locale.ROOT, "unplanned drop of %s: streaming again after %d ms; its products "
                        + "had %d ticks from the drop until then, %d lost", drop.connection(),
                        drop.recoveredMillis(), drop.emitted(), drop.lost()));
            }
            lines.add(String.format(Locale.ROOT, "unplanned drops: %d, %d of %d ticks of the dropped connections' "
                    + "products lost; other connections' products: %d ticks, lost %d; ticks delivered twice: %d",
                    drops.size(), lost, emitted, othersEmittedDuringDrops, othersMissingDuringDrops, duplicates));
            lines.add("before start → after stop: " + beforeStart.comparedTo(afterStop));
            if (!subscriberFailures.isEmpty()) {
                lines.add("subscriber failures: " + subscriberFailures);
            }
            return lines;
        }
    }

    static RedundantResult redundant(ChaosOptions options) throws Exception {
        ProcessFigures beforeStart = ProcessFigures.sample();
        RedundantResult.Builder result = runRedundant(options);
        // Sampled here, not in runRedundant: a finished frame's locals no longer keep the stopped stack reachable.
        result.beforeStart = beforeStart;
        result.afterStop = settledFigures(beforeStart);
        return result.build();
    }

    private static RedundantResult.Builder runRedundant(ChaosOptions options) throws Exception {
        SplittableRandom random = new SplittableRandom(options.seed());
        RedundantResult.Builder result = new RedundantResult.Builder();
        try (ChaosRig rig = new ChaosRig(options, 2)) {
            result.connections = rig.sessions().size();
            result.products = rig.followed.size();
            result.fullCoverageMillis = rig.fullCoverageAfterMillis;
            result.beforeFaults = ProcessFigures.sample();

            Map<String, Long> faultStart = rig.emissionMark();
            FaultSchedule schedule = new FaultSchedule(rig, random);
            schedule.run();
            rig.awaitFullCoverage(RECOVERY_WAIT);
            List<Tick> faultWindow = rig.emittedBetween(faultStart, rig.emissionMark(), rig.followed);
            result.faultWindowEmitted = faultWindow.size();
            result.faultWindowMissing = rig.awaitDelivered(faultWindow, DELIVERY_WAIT);
            result.recoveries = List.of(
                    recoveries("reset", FaultEvent.Kind.RESET, schedule.events()),
                    recoveries("stall", FaultEvent.Kind.STALL, schedule.events()));
            result.faultsSkipped = schedule.skipped();
            result.malformedSent = schedule.malformedSent();
            result.malformedCounted = rig.upstream().stats().stream().mapToLong(s -> s.malformedFrames.sum()).sum();

            Map<String, Long> closeStart = rig.emissionMark();
            long closedAt = System.nanoTime();
            rig.sim.faults().closeAll(1001);
            ChaosRig.await(RECOVERY_WAIT, () -> !rig.fullCoverage());
            rig.awaitFullCoverage(RECOVERY_WAIT);
            result.closeAllRecoveryMillis = ChaosRig.millisSince(closedAt);
            List<Tick> closeWindow = rig.emittedBetween(closeStart, rig.emissionMark(), rig.followed);
            result.closeAllEmitted = closeWindow.size();
            result.closeAllMissing = rig.awaitDelivered(closeWindow, DELIVERY_WAIT);
            result.duplicates = rig.ledger.duplicates();

            collectSubscriberFigures(rig, result);
            Histogram written = rig.daemon.fanout().view().receiveToWritten().cumulative();
            result.writtenP50Ms = written.getValueAtPercentile(50) / 1e6;
            result.writtenP99Ms = written.getValueAtPercentile(99) / 1e6;
            result.writtenMaxMs = written.getMaxValue() / 1e6;
            result.subscriberFailures = rig.subscriberFailures();
            result.harnessRecords = rig.sim.emitted().retained() + rig.ledger.keys();
            result.afterFaults = ProcessFigures.sample();
        }
        return result;
    }

    static SingleLegResult singleLeg(ChaosOptions options) throws Exception {
        ProcessFigures beforeStart = ProcessFigures.sample();
        SingleLegResult result = runSingleLeg(options, beforeStart);
        return new SingleLegResult(result.connections(), result.products(), result.fullCoverageMillis(),
                result.rotationsRequested(), result.rotationsCompleted(), result.rotationsMillis(),
                result.rotationWindowEmitted(), result.rotationMissing(), result.drops(),
                result.othersEmittedDuringDrops(), result.othersMissingDuringDrops(), result.duplicates(),
                beforeStart, settledFigures(beforeStart), result.subscriberFailures());
    }

    /** The run itself; its result's afterStop is a placeholder that {@link #singleLeg} replaces. */
    private static SingleLegResult runSingleLeg(ChaosOptions options, ProcessFigures beforeStart)
            throws Exception {
        SplittableRandom random = new SplittableRandom(options.seed());
        int connections;
        int products;
        long fullCoverageMillis;
        int rotations;
        int rotationsCompleted;
        long rotationsMillis;
        int rotationWindowEmitted;
        int rotationMissing;
        List<Drop> drops = new ArrayList<>();
        int othersEmitted = 0;
        int othersMissing = 0;
        long duplicates;
        List<String> failures;
        try (ChaosRig rig = new ChaosRig(options, 1)) {
            List<UpstreamSession> sessions = rig.sortedSessions();
            connections = sessions.size();
            products = rig.followed.size();
            fullCoverageMillis = rig.fullCoverageAfterMillis;

            rotations = Math.min(options.rotations(), sessions.size());
            Map<String, Long> rotationStart = rig.emissionMark();
            long rotationBegan = System.nanoTime();
            List<Long> completedBefore = new ArrayList<>();
            for (int i = 0; i < rotations; i++) {
                completedBefore.add(sessions.get(i).stats().rotationsCompleted.sum());
                sessions.get(i).rotate("planned rotation");
            }
            ChaosRig.await(RECOVERY_WAIT, () -> completed(sessions, completedBefore) == completedBefore.size());
            rotationsMillis = ChaosRig.millisSince(rotationBegan);
            rotationsCompleted = completed(sessions, completedBefore);
            List<Tick> rotationWindow = rig.emittedBetween(rotationStart, rig.emissionMark(), rig.followed);
            rotationWindowEmitted = rotationWindow.size();
            rotationMissing = rig.awaitDelivered(rotationWindow, DELIVERY_WAIT);

            for (int i = 0; i < options.drops(); i++) {
                rig.awaitFullCoverage(RECOVERY_WAIT);
                UpstreamSession victim = sessions.get(random.nextInt(sessions.size()));
                Optional<SimConnection> connection = rig.simConnectionOf(victim);
                if (connection.isEmpty()) {
                    continue;
                }
                Map<String, Long> before = rig.emissionMark();
                FaultEvent drop = new FaultEvent(FaultEvent.Kind.RESET, victim);
                rig.sim.faults().resetConnection(connection.get().id());
                ChaosRig.await(RECOVERY_WAIT, drop::checkRecovered);
                Map<String, Long> after = rig.emissionMark();
                Set<String> victimProducts = rig.productsOf(victim);
                Set<String> others = new HashSet<>(rig.followed);
                others.removeAll(victimProducts);
                List<Tick> otherWindow = rig.emittedBetween(before, after, others);
                othersEmitted += otherWindow.size();
                othersMissing += rig.awaitDelivered(otherWindow, DELIVERY_WAIT);
                List<Tick> victimWindow = rig.emittedBetween(before, after, victimProducts);
                drops.add(new Drop(victim.name(), victimWindow.size(),
                        rig.awaitDelivered(victimWindow, DELIVERY_WAIT), drop.recoveredMillis()));
            }
            duplicates = rig.ledger.duplicates();
            failures = rig.subscriberFailures();
        }
        return new SingleLegResult(connections, products, fullCoverageMillis, rotations, rotationsCompleted,
                rotationsMillis, rotationWindowEmitted, rotationMissing, drops, othersEmitted, othersMissing,
                duplicates, beforeStart, beforeStart, failures);
    }

    private static int completed(List<UpstreamSession> sessions, List<Long> before) {
        int done = 0;
        for (int i = 0; i < before.size(); i++) {
            if (sessions.get(i).stats().rotationsCompleted.sum() > before.get(i)) {
                done++;
            }
        }
        return done;
    }

    private static Recoveries recoveries(String name, FaultEvent.Kind kind, List<FaultEvent> events) {
        return Recoveries.of(name, events.stream().filter(e -> e.kind == kind).map(FaultEvent::recoveredMillis)
                .toList());
    }

    private static void collectSubscriberFigures(ChaosRig rig, RedundantResult.Builder result) {
        rig.observeSubscribers();
        long fastMin = Long.MAX_VALUE;
        for (ChaosSubscriber subscriber : rig.subscribers) {
            long dropped = rig.conflatedFor(subscriber);
            if (subscriber.slow) {
                result.slowConflated += dropped;
                result.slowTickers += subscriber.tickers();
            } else {
                result.fastConflated += dropped;
                fastMin = Math.min(fastMin, subscriber.tickers());
            }
        }
        result.fastTickersMin = fastMin == Long.MAX_VALUE ? 0 : fastMin;
        result.slowClientsClosed = rig.daemon.fanout().view().slowClientsClosed();
    }

    /** Threads of a stopped stack end a moment after close() returns; wait (bounded) for the count to settle. */
    private static ProcessFigures settledFigures(ProcessFigures baseline) {
        ProcessFigures[] last = {ProcessFigures.sample()};
        ChaosRig.await(Duration.ofSeconds(10), () -> {
            last[0] = ProcessFigures.sample();
            return last[0].threads() <= baseline.threads() + 2;
        });
        return last[0];
    }
}
