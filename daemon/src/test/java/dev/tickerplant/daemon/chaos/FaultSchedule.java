package dev.tickerplant.daemon.chaos;

import dev.tickerplant.ingest.upstream.UpstreamSession;
import dev.tickerplant.sim.feed.FaultTarget;
import dev.tickerplant.sim.feed.SimConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The fault phase of the redundant run: a reset every {@code resetEvery}, a stall every {@code stallEvery} and
 * malformed frames at {@code malformedShare} of the traffic, for {@code faultPhase}. A victim is always a leg whose
 * shard is otherwise healthy (its sibling streams and no fault of the shard is still open): the question is whether
 * one leg's failure reaches subscribers, and two legs of one shard down at once is the separate close-all test.
 */
final class FaultSchedule {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MALFORMED_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration RECOVERY_GRACE = Duration.ofSeconds(30);

    private final ChaosRig rig;
    private final SplittableRandom random;
    private final List<FaultEvent> events = new ArrayList<>();
    private final List<FaultEvent> open = new ArrayList<>();
    private long malformedSent;
    private int skipped;
    private double malformedOwed;

    FaultSchedule(ChaosRig rig, SplittableRandom random) {
        this.rig = rig;
        this.random = random;
    }

    /** Runs the schedule, then waits for the last victims to stream again. */
    void run() {
        ChaosOptions options = rig.options;
        long start = System.nanoTime();
        long end = start + options.faultPhase().toNanos();
        long nextReset = start + options.resetEvery().toNanos();
        long nextStall = start + options.stallEvery().toNanos();
        long nextMalformed = start + MALFORMED_EVERY_NANOS;
        long framesBefore = rig.sim.stats().framesSent();
        long graceEnd = end + RECOVERY_GRACE.toNanos();
        long now = start;
        while (now - end < 0 || (!open.isEmpty() && now - graceEnd < 0)) {
            if (now - end < 0 && now - nextReset >= 0) {
                inject(FaultEvent.Kind.RESET);
                nextReset += options.resetEvery().toNanos();
            }
            if (now - end < 0 && now - nextStall >= 0) {
                inject(FaultEvent.Kind.STALL);
                nextStall += options.stallEvery().toNanos();
            }
            if (now - end < 0 && now - nextMalformed >= 0) {
                long frames = rig.sim.stats().framesSent();
                sendMalformed(frames - framesBefore);
                framesBefore = frames;
                rig.observeSubscribers();
                nextMalformed += MALFORMED_EVERY_NANOS;
            }
            open.removeIf(FaultEvent::checkRecovered);
            LockSupport.parkNanos(TICK_NANOS); // the schedule's own pace
            now = System.nanoTime();
        }
    }

    List<FaultEvent> events() {
        return events;
    }

    long malformedSent() {
        return malformedSent;
    }

    /** Faults not injected because no shard was healthy enough at that moment. */
    int skipped() {
        return skipped;
    }

    private void inject(FaultEvent.Kind kind) {
        Set<Integer> shardsInFault = new HashSet<>();
        for (FaultEvent event : open) {
            shardsInFault.add(event.victim.shardId());
        }
        List<UpstreamSession> eligible = new ArrayList<>();
        List<UpstreamSession> sessions = rig.sortedSessions();
        for (UpstreamSession session : sessions) {
            if (!shardsInFault.contains(session.shardId()) && session.stats().streaming()
                    && sessions.stream().filter(s -> s.shardId() == session.shardId())
                            .allMatch(s -> s.stats().streaming())) {
                eligible.add(session);
            }
        }
        if (eligible.isEmpty()) {
            skipped++;
            return;
        }
        UpstreamSession victim = eligible.get(random.nextInt(eligible.size()));
        Optional<SimConnection> connection = rig.simConnectionOf(victim);
        if (connection.isEmpty()) {
            skipped++;
            return;
        }
        FaultEvent event = new FaultEvent(kind, victim);
        if (kind == FaultEvent.Kind.RESET) {
            rig.sim.faults().resetConnection(connection.get().id());
        } else {
            rig.sim.faults().stall(connection.get().id(), true);
        }
        events.add(event);
        open.add(event);
    }

    /** {@code malformedShare} of the frames sent since the last call, each to a random streaming connection. */
    private void sendMalformed(long framesSent) {
        malformedOwed += framesSent * rig.options.malformedShare();
        // A stalled connection sends nothing at all, so a malformed frame for it would never arrive.
        List<SimConnection> connections = rig.sim.connections().stream().filter(c -> !c.stalled()).toList();
        while (malformedOwed >= 1 && !connections.isEmpty()) {
            SimConnection target = connections.get(random.nextInt(connections.size()));
            malformedSent += rig.sim.faults().sendMalformed(FaultTarget.connection(target.id()), 1);
            malformedOwed -= 1;
        }
    }
}
