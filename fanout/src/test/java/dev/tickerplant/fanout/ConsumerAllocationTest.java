package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tickerplant.fanout.history.TickHistory;
import dev.tickerplant.fanout.protocol.Fixtures;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.TickEvent;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/**
 * The ring consumer's share of the fanout (encode once, append to the history, batch, hand off) must not allocate
 * per tick. Measured with the JVM's per-thread allocation counter on a thread made like the daemon's consumer thread.
 * Encoding, history and volume windows allocate exactly nothing; the small remainder is Netty's own: its pooled
 * allocator and task queue keep a few bytes of bookkeeping per buffer and per hand-off (about 12 bytes per tick here).
 */
class ConsumerAllocationTest {
    private static final int WARM_UP = 100_000;
    private static final int MEASURED = 100_000;
    private static final double MAX_BYTES_PER_TICK = 48;
    private static final int TICKS_PER_RING_BATCH = 16;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void encodingHistoryAndHandOffAllocateNothingPerTick() throws Exception {
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        NioEventLoopGroup group = new NioEventLoopGroup(2, new DefaultThreadFactory("alloc-fanout", true));
        try {
            ServerFigures figures = new ServerFigures();
            LoopFanout[] loops = new LoopFanout[2];
            int i = 0;
            for (var executor : group) {
                loops[i++] = new LoopFanout((EventLoop) executor, figures, System::nanoTime, 0);
            }
            TickDispatcher dispatcher = new TickDispatcher(new TickHistory(65_536), 5, 3.0,
                    PooledByteBufAllocator.DEFAULT);
            dispatcher.loops(loops);
            TickEvent event = new TickEvent();
            event.ticker.copyFrom(Fixtures.ticker("37-ticker-capture.json", false));

            double perTick = onConsumerLikeThread(() -> {
                run(dispatcher, event, 1, WARM_UP);
                long id = Thread.currentThread().getId();
                long before = threads.getThreadAllocatedBytes(id);
                run(dispatcher, event, WARM_UP + 1, MEASURED);
                long after = threads.getThreadAllocatedBytes(id);
                return (after - before) / (double) MEASURED;
            });

            System.out.printf("fanout consumer path: %.2f bytes allocated per tick%n", perTick);
            assertTrue(perTick < MAX_BYTES_PER_TICK, perTick + " bytes per tick");
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void run(TickDispatcher dispatcher, TickEvent event, long firstSeq, int count) {
        for (int n = 0; n < count; n++) {
            event.globalSeq = firstSeq + n;
            event.productIndex = n % 40;
            event.receivedNanos = System.nanoTime();
            event.receivedEpochNanos = 1_800_000_000_000_000_000L + n * 1_000_000L;
            event.ticker.field(TickField.LAST_SIZE).set(n % 2 == 0 ? "0.5" : "0.25");
            dispatcher.onTick(event);
            if (n % TICKS_PER_RING_BATCH == TICKS_PER_RING_BATCH - 1) {
                dispatcher.onBatchEnd();
            }
        }
        dispatcher.onBatchEnd();
    }

    private static double onConsumerLikeThread(java.util.concurrent.Callable<Double> work) throws Exception {
        ThreadFactory factory = new DefaultThreadFactory("tick-consumer", true); // as the daemon makes it
        CompletableFuture<Double> result = new CompletableFuture<>();
        Thread thread = factory.newThread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        thread.start();
        return result.get();
    }
}
