package dev.tickerplant.bench.subscriber;

import io.netty.buffer.ByteBuf;

/**
 * What one client does with every ticker it reads, whatever the protocol that carried it: record its latency and
 * check that the global {@code seq} has no holes (a hole is a tick the server conflated away or lost). Confined to the
 * client's event loop.
 */
final class TickerRecorder {

    private final SubscriberFigures figures;
    private final EpochClock clock;
    private final boolean checkGaps;
    private long lastSeq = -1;

    /**
     * @param checkGaps true when the client follows every product, so consecutive messages carry consecutive seqs
     */
    TickerRecorder(SubscriberFigures figures, EpochClock clock, boolean checkGaps) {
        this.figures = figures;
        this.clock = clock;
        this.checkGaps = checkGaps;
    }

    /** Records the message between {@code from} and {@code to} if it is a ticker; false when it is something else. */
    boolean record(ByteBuf message, int from, int to) {
        long now = clock.nowNanos();
        if (!TickerFields.isTicker(message, from, to)) {
            return false;
        }
        figures.record(TickerFields.exchangeTimeNanos(message, from, to),
                TickerFields.receiveTimeNanos(message, from, to), now);
        long seq = TickerFields.seq(message, from, to);
        if (checkGaps && seq != TickerFields.ABSENT) {
            if (lastSeq >= 0 && seq > lastSeq + 1) {
                figures.gap(seq - lastSeq - 1);
            }
            lastSeq = Math.max(lastSeq, seq);
        }
        return true;
    }
}
