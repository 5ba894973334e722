package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.testing.ProcessFigures;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.WebSocketClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10 000 subscriber connect/disconnect cycles over loopback, four at a time, against a daemon that is streaming:
 * every one welcomed and closed cleanly, the server's client count back to 0, and heap, threads and open file
 * descriptors back where they were.
 */
@EndToEnd
class LoadCyclesTest {
    private static final int CYCLES = 10_000;
    private static final int PARALLEL = 4;
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void tenThousandConnectDisconnectCyclesLeaveNothingBehind() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(50))) {
            Daemon daemon = Daemon.start(SettingsLoader.load(new String[] {
                    "--upstream-url", sim.advancedTradeUri().toString(), "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", dir.resolve("cache.json").toString(), "--listen-port", "0",
                    "--top-n", "30"}, Map.of()));
            try {
                int port = daemon.fanout().port();
                await("streaming").atMost(Duration.ofSeconds(20)).until(() -> daemon.upstream().streamingCount() == 2);
                cycle(port, 200, new AtomicInteger(), Collections.synchronizedList(new ArrayList<>())); // warm up
                await("warm-up done").atMost(Duration.ofSeconds(10))
                        .until(() -> daemon.fanout().view().subscriberCount() == 0);
                ProcessFigures before = ProcessFigures.sample();

                AtomicInteger welcomed = new AtomicInteger();
                List<String> errors = Collections.synchronizedList(new ArrayList<>());
                long started = System.nanoTime();
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < PARALLEL; t++) {
                    Thread thread = new Thread(() -> cycle(port, CYCLES / PARALLEL, welcomed, errors), "cycles-" + t);
                    threads.add(thread);
                    thread.start();
                }
                for (Thread thread : threads) {
                    thread.join(TimeUnit.MINUTES.toMillis(3));
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                await("every client gone from the server").atMost(Duration.ofSeconds(10))
                        .until(() -> daemon.fanout().view().subscriberCount() == 0);
                ProcessFigures after = ProcessFigures.sample();

                System.out.printf("load: %d connect/disconnect cycles (%d in parallel) in %d ms, %d errors; %s%n",
                        CYCLES, PARALLEL, millis, errors.size(), before.comparedTo(after));
                assertEquals(List.of(), errors.subList(0, Math.min(10, errors.size())), errors.size() + " errors");
                assertEquals(CYCLES, welcomed.get());
                assertEquals(0, daemon.fanout().view().subscriberCount());
                assertTrue(after.heapUsedBytes() <= before.heapUsedBytes() + 32 * MIB, before.comparedTo(after));
                assertTrue(after.threads() <= before.threads() + 2, before.comparedTo(after));
                assertTrue(before.openFds() < 0 || after.openFds() <= before.openFds() + 8, before.comparedTo(after));
            } finally {
                daemon.close();
            }
        }
    }

    /** Connect, read the welcome, subscribe every tenth time, close with 1000 and wait for the echo. */
    private static void cycle(int port, int times, AtomicInteger welcomed, List<String> errors) {
        for (int i = 0; i < times; i++) {
            try (WebSocketClient ws = WebSocketClient.to(port, i % 10 == 0 ? "/ws?products=*" : "/ws")
                    .readOnDemandAnsweringPings().connect()) {
                if (!ws.next().contains("\"type\":\"welcome\"")) {
                    errors.add("cycle " + i + ": no welcome first");
                    continue;
                }
                welcomed.incrementAndGet();
                ws.sendClose(1000, "");
                WebSocketClient.Frame frame;
                do {
                    frame = ws.nextFrame();
                } while (!frame.isClose());
                if (frame.closeCode() != 1000) {
                    errors.add("cycle " + i + ": closed with " + frame.closeCode());
                }
            } catch (RuntimeException e) {
                errors.add("cycle " + i + ": " + e);
            }
        }
    }
}
