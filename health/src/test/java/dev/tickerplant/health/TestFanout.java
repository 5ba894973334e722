package dev.tickerplant.health;

import dev.tickerplant.fanout.FanoutView;
import dev.tickerplant.fanout.SubscriberView;
import dev.tickerplant.ingest.metrics.LatencyRecorder;
import java.util.List;

/** A fixed downstream side: the figures a fanout server would report. */
record TestFanout(List<SubscriberView> subscribers, long messagesSent, long dropped, long slowClientsClosed,
                  long commandErrors, int backlog, long batchesCoalesced, LatencyRecorder receiveToWritten)
        implements FanoutView {

    /** What every test fanout reports as connections closed for slow requests. */
    static final long SLOW_REQUESTS_CLOSED = 5;

    @Override
    public long slowRequestsClosed() {
        return SLOW_REQUESTS_CLOSED;
    }

    @Override
    public long clientFlushes() {
        return 0;
    }

    @Override
    public int subscriberCount() {
        return subscribers.size();
    }
}
