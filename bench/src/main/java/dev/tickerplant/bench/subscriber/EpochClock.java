package dev.tickerplant.bench.subscriber;

import java.time.Instant;

/**
 * Wall-clock epoch nanoseconds as {@code System.nanoTime()} plus one offset read at start: as cheap as nanoTime, never
 * steps backwards, and agrees with the other processes' clocks to within the precision of one {@link Instant#now()}.
 */
public final class EpochClock {

    private final long offset;

    public EpochClock() {
        Instant now = Instant.now();
        long nano = System.nanoTime();
        this.offset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - nano;
    }

    public long nowNanos() {
        return System.nanoTime() + offset;
    }
}
