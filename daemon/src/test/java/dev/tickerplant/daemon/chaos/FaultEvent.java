package dev.tickerplant.daemon.chaos;

import dev.tickerplant.ingest.upstream.UpstreamSession;

/** One injected fault and, once it streams again, how long its victim took to come back. */
final class FaultEvent {
    enum Kind { RESET, STALL }

    final Kind kind;
    final UpstreamSession victim;
    final long injectedNanos;
    private final long reconnectsBefore;
    private volatile long recoveredMillis = -1;

    FaultEvent(Kind kind, UpstreamSession victim) {
        this.kind = kind;
        this.victim = victim;
        this.reconnectsBefore = victim.stats().reconnects.sum();
        this.injectedNanos = System.nanoTime();
    }

    /** True (and the recovery time noted) once the victim reconnected and streams again. */
    boolean checkRecovered() {
        if (recoveredMillis < 0 && victim.stats().reconnects.sum() > reconnectsBefore && victim.stats().streaming()) {
            recoveredMillis = ChaosRig.millisSince(injectedNanos);
        }
        return recoveredMillis >= 0;
    }

    /** Milliseconds from injection to streaming again; -1 if it never came back. */
    long recoveredMillis() {
        return recoveredMillis;
    }
}
