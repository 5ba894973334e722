package dev.tickerplant.config;

/**
 * What one process does when the work is split over a NATS JetStream bus. Config knows only the names and what each
 * role needs; the daemon decides what to start for it.
 */
public enum Role {

    /** One process does everything, as without a bus; with {@code nats-url} set it also publishes its ticks. */
    ALL("all"),
    /** Upstream connections and the ring; publishes every tick to the bus and serves no subscribers. */
    INGEST("ingest"),
    /** No upstream: consumes the bus and serves subscribers. */
    FANOUT("fanout");

    private final String key;

    Role(String key) {
        this.key = key;
    }

    /** The name used in settings. */
    public String key() {
        return key;
    }

    /** Whether this role opens upstream connections (and so can run against the simulator). */
    public boolean hasUpstream() {
        return this != FANOUT;
    }

    /** Whether this role cannot work without a bus: its ticks come from it or go only to it. */
    public boolean needsBus() {
        return this != ALL;
    }

    @Override
    public String toString() {
        return key;
    }
}
