package dev.tickerplant.daemon.chaos;

import dev.tickerplant.ingest.upstream.UpstreamSession;

/** One injected fault and, once it streams again, how long its victim took to come back. */
final class FaultEvent {
    enum Kind { RESET, STALL }

    final Kind kind;
    final UpstreamSession victim;
    final long injectedNanos;
    private volatile long recoveredMillis = -1;

    FaultEvent(Kind kind, UpstreamSession victim) {
        this.kind = kind;
        this.victim = victim;
        this.injectedNanos = System.nanoTime();
    }

    /**
     * True (and the recovery time noted) once the victim streams on a link acked after the fault: the daemon stamps
     * {@code streamingSinceNanos} with the same {@code System.nanoTime} clock.
     */
    boolean checkRecovered() {
        long since = victim.stats().streamingSinceNanos(); // 0 while not streaming
        if (recoveredMillis < 0 && since != 0 && since - injectedNanos > 0 && victim.stats().streaming()) {
            recoveredMillis = ChaosRig.millisSince(injectedNanos);
        }
        return recoveredMillis >= 0;
    }

    /** Milliseconds from injection to streaming again; -1 if it never came back. */
    long recoveredMillis() {
        return recoveredMillis;
    }
}
