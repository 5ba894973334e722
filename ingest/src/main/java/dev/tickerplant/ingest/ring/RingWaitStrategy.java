package dev.tickerplant.ingest.ring;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.TimeoutBlockingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How the consumer thread of a {@link TickRing} waits for the next tick. Each makes a fresh Disruptor
 * {@link WaitStrategy} (they hold the consumer's lock, so one ring must not share it with another).
 */
public enum RingWaitStrategy {

    /** Parks on a lock; every publish takes that lock to wake the consumer, parked or not. */
    BLOCKING(BlockingWaitStrategy::new),
    /** Parks on a lock; a publish takes it only when the consumer has said it is about to park. */
    LITE_BLOCKING(LiteBlockingWaitStrategy::new),
    /** Blocking that also wakes the consumer every millisecond while the ring is empty. */
    TIMEOUT_BLOCKING(() -> new TimeoutBlockingWaitStrategy(1, TimeUnit.MILLISECONDS)),
    /**
     * Spins {@value #PHASED_SPIN_MICROS} µs, then yields until {@value #PHASED_SPIN_PLUS_YIELD_MICROS} µs have passed
     * since the ring ran empty, then parks as {@link #LITE_BLOCKING} does: a tick that follows within that window is
     * taken without a wake-up, at a bounded cost of CPU per idle gap.
     */
    PHASED_BACKOFF(RingWaitStrategy::phasedBackoff),
    /** Spins, yields, then naps in {@code parkNanos} steps (about 60 µs on Linux); publishers never signal. */
    SLEEPING(SleepingWaitStrategy::new),
    /** Spins and yields, never parks: the consumer occupies a core even when no tick comes. */
    YIELDING(YieldingWaitStrategy::new);

    /*
     * Waking a parked consumer costs about 50 µs on the 2-core benchmark machine when it is idle (frame read to
     * consumer: ~100 µs parked, 46 µs with a consumer that never parks). Spinning about as long as a wake-up costs
     * wastes at most one wake-up's worth of CPU per idle gap, so the window is 50 µs: 10 µs of pure spinning, then
     * spinning with a yield between rounds. The Disruptor reads the clock only every 10 000 spins, so the real window
     * is a little longer.
     */
    static final long PHASED_SPIN_MICROS = 10;
    static final long PHASED_SPIN_PLUS_YIELD_MICROS = 50;

    private final Supplier<WaitStrategy> factory;

    RingWaitStrategy(Supplier<WaitStrategy> factory) {
        this.factory = factory;
    }

    /** A new Disruptor wait strategy for one ring. */
    public WaitStrategy newWaitStrategy() {
        return factory.get();
    }

    private static WaitStrategy phasedBackoff() {
        return PhasedBackoffWaitStrategy.withLiteLock(PHASED_SPIN_MICROS,
                PHASED_SPIN_PLUS_YIELD_MICROS - PHASED_SPIN_MICROS, TimeUnit.MICROSECONDS);
    }
}
