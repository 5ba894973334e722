package dev.tickerplant.fanout;

/**
 * A token bucket per client: {@code perSecond} tokens a second, holding at most one second's worth, so a client may
 * burst that many commands and then sustain that rate. Owned by the client's event loop; time is passed in.
 * Public for plug-in endpoints' clients without a fanout session ({@link PluginClients}), held to the same rate.
 */
public final class CommandBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSecond;
    private double tokens;
    private long lastNanos;

    public CommandBucket(int perSecond, long nowNanos) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond: " + perSecond + " (expected: >= 1)");
        }
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.lastNanos = nowNanos;
    }

    /** Takes a token and returns 0, or returns how many nanos until one is available (and takes nothing). */
    public long tryTake(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(perSecond, tokens + elapsed * perSecond / NANOS_PER_SECOND);
            lastNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / perSecond));
    }
}
