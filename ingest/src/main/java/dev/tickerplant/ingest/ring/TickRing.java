package dev.tickerplant.ingest.ring;

import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.tickerplant.ingest.codec.TickerSlot;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import com.lmax.disruptor.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one ring between all upstream connections (many producers: the Netty event loops) and the single consumer that
 * owns market state. Publishing never blocks: when the ring is full the tick is counted as dropped, because stalling an
 * event loop would stall every connection on it.
 */
public final class TickRing implements AutoCloseable {
    private static final EventTranslatorTwoArg<TickEvent, TickerSlot, TickOrigin> TRANSLATOR =
            (event, sequence, slot, origin) -> event.copyFrom(slot, origin);

    private final Disruptor<TickEvent> disruptor;
    private final RingBuffer<TickEvent> ringBuffer;
    private final LongAdder published = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    /** A ring whose consumer waits with {@link RingWaitStrategy#BLOCKING}. */
    public TickRing(int size, MarketState consumer, ThreadFactory threadFactory) {
        this(size, consumer, threadFactory, RingWaitStrategy.BLOCKING);
    }

    public TickRing(int size, MarketState consumer, ThreadFactory threadFactory, RingWaitStrategy waitStrategy) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size: " + size + " (expected: a power of two)");
        }
        this.disruptor = new Disruptor<>(TickEvent::new, size, threadFactory, ProducerType.MULTI,
                waitStrategy.newWaitStrategy());
        this.disruptor.handleEventsWith(consumer);
        this.ringBuffer = disruptor.getRingBuffer();
    }

    public void start() {
        disruptor.start();
    }

    /** Copies one decoded ticker into the ring. Returns false, and counts a drop, when the ring is full. */
    public boolean tryPublish(TickerSlot slot, TickOrigin origin) {
        if (ringBuffer.tryPublishEvent(TRANSLATOR, slot, origin)) {
            published.increment();
            return true;
        }
        dropped.increment();
        return false;
    }

    /**
     * Copies one ticker into the ring, waiting for a free slot when it is full. For a producer that may wait (the bus
     * feed, whose ticks are numbered and must not be dropped), never for an event loop.
     */
    public void publish(TickerSlot slot, TickOrigin origin) {
        ringBuffer.publishEvent(TRANSLATOR, slot, origin);
        published.increment();
    }

    public int capacity() {
        return ringBuffer.getBufferSize();
    }

    public long remainingCapacity() {
        return ringBuffer.remainingCapacity();
    }

    public long published() {
        return published.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    /** The highest sequence claimed by a producer so far (-1 before the first); for liveness checks. */
    public long claimedSequence() {
        return ringBuffer.getCursor();
    }

    /** The highest sequence the consumer has finished with (-1 before the first); for liveness checks. */
    public long consumedSequence() {
        return ringBuffer.getMinimumGatingSequence();
    }

    /** Lets the consumer drain what was published, then stops its thread. */
    @Override
    public void close() {
        try {
            disruptor.shutdown(2, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            disruptor.halt();
        }
    }
}
