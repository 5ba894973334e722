package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tickerplant.fanout.history.TickHistory;
import dev.tickerplant.fanout.protocol.Fixtures;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickEvent;
import dev.tickerplant.transport.Transport;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;

/**
 * The ring consumer's share of the fanout (encode once per encoding in use, append to the history, batch, hand off)
 * must not allocate per tick. Measured with the JVM's per-thread allocation counter on a thread made like the daemon's
 * consumer thread. Encoding, history and volume windows allocate exactly nothing; the small remainder is Netty's own
 * bookkeeping per batch buffer and hand-off (about one byte per tick here, with or without plug-in encodings). The
 * fanout loops, which only read the batches (and tell the plug-ins' shares of the loop of every ticker), must allocate
 * nothing for them. Public for the plug-in modules, which measure their own encodings with it.
 */
public final class ConsumerAllocation {
    private static final int WARM_UP = 100_000;
    private static final int MEASURED = 100_000;
    private static final double MAX_BYTES_PER_TICK = 8;
    private static final int TICKS_PER_RING_BATCH = 16;
    private static final int MAX_LEAD_BATCHES = 8;
    private static final double MAX_LOOP_BYTES_PER_TICK = 1;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ConsumerAllocation() {
    }

    /**
     * Runs ticks through a dispatcher and two loops with {@code plugins} registered and a client of each connected, so
     * every tick is also encoded in each plug-in's encoding and every loop tells each plug-in's share of it, and
     * asserts that neither the consumer nor the loops allocate per tick.
     */
    public static void assertNothingPerTick(List<EndpointPlugin> plugins) throws Exception {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported());
        EventLoopGroup group = Transport.forThisProcess().group(2, new DefaultThreadFactory("alloc-fanout", true));
        try {
            PluginEndpoints endpoints = new PluginEndpoints(plugins);
            ServerFigures figures = new ServerFigures(endpoints.encodings());
            for (int k = FrameBatch.NATIVE + 1; k < endpoints.encodings(); k++) {
                figures.clientsOf(k).set(1);
            }
            LoopFanout[] loops = new LoopFanout[2];
            int i = 0;
            for (var executor : group) {
                loops[i++] = new LoopFanout((EventLoop) executor, figures, System::nanoTime, 0, 0,
                        endpoints.newLoops((EventLoop) executor, figures,
                        FanoutOptions.defaults().withMaxClients(2), new MarketState(List.of())));
            }
            TickDispatcher dispatcher = new TickDispatcher(new TickHistory(65_536), 5, 3.0,
                    PooledByteBufAllocator.DEFAULT, figures, endpoints.pluginEncodings());
            dispatcher.loops(loops);
            TickEvent event = new TickEvent();
            event.ticker.copyFrom(Fixtures.ticker("37-ticker-capture.json", false));

            long[] loopThreads = new long[loops.length];
            for (int l = 0; l < loops.length; l++) {
                loopThreads[l] = loops[l].loop.submit(() -> Thread.currentThread().getId()).get();
            }
            double[] loopsPerTick = new double[1];
            double perTick = onConsumerLikeThread(() -> {
                run(dispatcher, loops, event, 1, WARM_UP);
                long id = Thread.currentThread().getId();
                long before = THREADS.getThreadAllocatedBytes(id);
                long loopsBefore = allocated(loopThreads);
                run(dispatcher, loops, event, WARM_UP + 1, MEASURED);
                long after = THREADS.getThreadAllocatedBytes(id);
                awaitLoopsIdle(loops);
                loopsPerTick[0] = (allocated(loopThreads) - loopsBefore) / (double) MEASURED;
                return (after - before) / (double) MEASURED;
            });

            System.out.printf("fanout consumer path, %d plug-in encodings: %.2f bytes allocated per tick; loops: %.2f%n",
                    plugins.size(), perTick, loopsPerTick[0]);
            assertTrue(perTick < MAX_BYTES_PER_TICK, perTick + " bytes per tick");
            // The loops only read the frames: releasing them is the consumer's (a pooled buffer released on another
            // thread than its allocator's goes back through a queue that allocates as it grows).
            assertTrue(loopsPerTick[0] < MAX_LOOP_BYTES_PER_TICK, loopsPerTick[0] + " bytes per tick on the loops");
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void run(TickDispatcher dispatcher, LoopFanout[] loops, TickEvent event, long firstSeq,
                            int count) {
        for (int n = 0; n < count; n++) {
            event.globalSeq = firstSeq + n;
            event.productIndex = n % 40;
            event.receivedNanos = System.nanoTime();
            event.receivedEpochNanos = 1_800_000_000_000_000_000L + n * 1_000_000L;
            event.ticker.field(TickField.LAST_SIZE).set(n % 2 == 0 ? "0.5" : "0.25");
            dispatcher.onTick(event);
            if (n % TICKS_PER_RING_BATCH == TICKS_PER_RING_BATCH - 1) {
                dispatcher.onBatchEnd();
                keepWithin(loops, MAX_LEAD_BATCHES);
            }
        }
        dispatcher.onBatchEnd();
    }

    /**
     * Waits (spinning, which allocates nothing) while any loop is more than {@code batches} behind: ticks arrive at
     * a bounded rate in the daemon, while this loop publishes as fast as it can, and a consumer running unboundedly
     * ahead would only measure the batch pool growing.
     */
    private static void keepWithin(LoopFanout[] loops, int batches) {
        for (LoopFanout loop : loops) {
            while (loop.backlog() > batches) {
                Thread.onSpinWait();
            }
        }
    }

    private static long allocated(long[] ids) {
        long sum = 0;
        for (long b : THREADS.getThreadAllocatedBytes(ids)) {
            sum += b;
        }
        return sum;
    }

    /** Every task handed to the loops so far has run (a task queued behind them runs last). */
    private static void awaitLoopsIdle(LoopFanout[] loops) throws Exception {
        for (LoopFanout loop : loops) {
            loop.loop.submit(() -> { }).get();
        }
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
