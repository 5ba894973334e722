package dev.tickerplant.daemon.testing;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a leak would grow, sampled from this JVM: heap in use after a full collection, live threads, open file
 * descriptors ({@code /proc/self/fd}; -1 where there is no such directory) and direct memory held by Netty's pooled
 * allocator.
 */
public record ProcessFigures(long heapUsedBytes, int threads, int openFds, long pooledDirectBytes) {
    private static final double MIB = 1024.0 * 1024.0;

    /** Collects garbage first (twice, so that what the first collection queued for cleaning goes too), then samples. */
    public static ProcessFigures sample() {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new ProcessFigures(heap, ManagementFactory.getThreadMXBean().getThreadCount(), countOpenFds(),
                PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
    }

    public double heapMib() {
        return heapUsedBytes / MIB;
    }

    /** {@code heap 41.2 → 43.0 MiB, threads 57 → 57, open fds 190 → 191, pooled direct 16.0 → 16.0 MiB}. */
    public String comparedTo(ProcessFigures after) {
        return String.format(Locale.ROOT, "heap %.1f → %.1f MiB, threads %d → %d, open fds %d → %d, pooled direct "
                + "memory %.1f → %.1f MiB", heapMib(), after.heapMib(), threads, after.threads, openFds,
                after.openFds, pooledDirectBytes / MIB, after.pooledDirectBytes / MIB);
    }

    private static int countOpenFds() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return (int) list.count() - 1; // the listing's own descriptor
        } catch (IOException e) {
            return -1;
        }
    }
}
