package dev.tickerplant.sim.feed;

import java.util.concurrent.atomic.LongAdder;

/** Counters updated by the event loops; read by {@link FeedServer#stats()}. */
final class FeedCounters {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder violations = new LongAdder();
    private final LongAdder framesSent = new LongAdder();

    void accepted() {
        accepted.increment();
    }

    void rejected() {
        rejected.increment();
    }

    void violation() {
        violations.increment();
    }

    void frameSent() {
        framesSent.increment();
    }

    long acceptedCount() {
        return accepted.sum();
    }

    long rejectedCount() {
        return rejected.sum();
    }

    long violationCount() {
        return violations.sum();
    }

    long framesSentCount() {
        return framesSent.sum();
    }
}
