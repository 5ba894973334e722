package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.testing.ChildOutput;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Http;
import dev.tickerplant.transport.Transport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport setting reaches both network sides of the daemon, and only auto falls back. Which transport a thread
 * serves is read from the thread itself: an event loop spends its idle time inside its transport's IoHandler, so its
 * stack names the handler class.
 */
@EndToEnd
class TransportSettingTest {
    private static final String NATIVE_OFF = "-Dio.netty.transport.noNative=true";
    private static final Map<String, Transport> HANDLERS = Map.of(
            "io.netty.channel.epoll.EpollIoHandler", Transport.EPOLL,
            "io.netty.channel.uring.IoUringIoHandler", Transport.IO_URING,
            "io.netty.channel.nio.NioIoHandler", Transport.NIO);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"auto", "nio"})
    void upstreamAndFanoutEventLoopsRunOnTheChosenTransport(String requested) throws Exception {
        Transport expected = requested.equals("nio") ? Transport.NIO
                : linuxX86() ? Transport.EPOLL : Transport.choose("auto");
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults())) {
            Set<Long> before = Thread.getAllStackTraces().keySet().stream().map(Thread::getId)
                    .collect(Collectors.toSet());
            Daemon daemon = Daemon.start(SettingsLoader.load(new String[] {
                    "--upstream-url", sim.advancedTradeUri().toString(), "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", dir.resolve("cache.json").toString(), "--listen-port", "0",
                    "--products", "BTC,ETH", "--transport", requested}, Map.of()));
            try {
                assertSame(expected, daemon.upstream().transport());
                // A request gives a fanout worker a connection to serve, besides the accept loop.
                HttpResponse<String> live = Http.get(daemon.fanout().port(), "/health/live");
                assertEquals(200, live.statusCode());

                Map<String, Transport> seen = awaitLoopTransports(before, List.of("upstream-", "fanout-"));
                System.out.println(requested + ": event loops " + seen);
                assertTrue(seen.keySet().stream().anyMatch(name -> name.startsWith("upstream-")), seen.toString());
                assertTrue(seen.keySet().stream().anyMatch(name -> name.startsWith("fanout-accept-")), seen.toString());
                assertTrue(seen.keySet().stream().anyMatch(name -> name.matches("fanout-\\d+-\\d+")), seen.toString());
                seen.forEach((thread, transport) -> assertSame(expected, transport, thread));
            } finally {
                daemon.close();
            }
        }
    }

    @Test
    void epollThatCannotLoadStopsStartUpWithOneLine() throws Exception {
        Process process = daemonJvm(NATIVE_OFF, "--simulate", "--transport", "epoll", "--catalog-cache-file",
                dir.resolve("cache.json").toString()).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running");

        assertEquals(2, process.exitValue());
        assertEquals("Invalid setting transport = \"epoll\": epoll unavailable: Native transport was explicit "
                + "disabled with -Dio.netty.transport.noNative=true (only auto falls back to nio)\n", err);
    }

    @Test
    void autoFallsBackToNioSaysWhyOnceAndRuns() throws Exception {
        Process process = daemonJvm(NATIVE_OFF, "--simulate", "--products", "BTC,ETH", "--listen-port", "0",
                "--catalog-cache-file", dir.resolve("cache.json").toString()).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        ChildOutput.follow(process, lines);
        try {
            String streaming = "Connection health: 1/1 connected, 2/2 products receiving data";
            await("streaming on nio").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(
                    lines.stream().anyMatch(l -> l.contains(streaming)),
                    () -> "never streamed on nio:\n" + String.join("\n", lines)));
            List<String> transport = lines.stream().filter(l -> l.contains("network transport:")).toList();
            // The daemon's choice and the embedded simulator's are the same request: decided and logged once.
            assertEquals(1, transport.size(), transport.toString());
            assertTrue(transport.get(0).endsWith("network transport: nio (epoll unavailable: Native transport was "
                    + "explicit disabled with -Dio.netty.transport.noNative=true)"), transport.get(0));
            assertFalse(lines.stream().anyMatch(l -> l.contains(" ERROR ")), String.join("\n", lines));
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * The transport of each event loop thread started since {@code before} whose name has one of the prefixes, once
     * every such thread has been seen idle in its IoHandler.
     */
    private static Map<String, Transport> awaitLoopTransports(Set<Long> before, List<String> prefixes) {
        AtomicReference<Map<String, Transport>> result = new AtomicReference<>();
        await("event loops seen idle").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Transport> seen = new HashMap<>();
            List<String> unseen = new ArrayList<>();
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                if (before.contains(thread.getId()) || prefixes.stream().noneMatch(thread.getName()::startsWith)) {
                    return;
                }
                Arrays.stream(stack).map(frame -> HANDLERS.get(frame.getClassName()))
                        .filter(t -> t != null).findFirst()
                        .ifPresentOrElse(t -> seen.put(thread.getName(), t), () -> unseen.add(thread.getName()));
            });
            assertTrue(unseen.isEmpty() && !seen.isEmpty(), () -> "not idle yet: " + unseen + "; seen: " + seen);
            result.set(seen);
        });
        return result.get();
    }

    private static ProcessBuilder daemonJvm(String jvmFlag, String... args) {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), jvmFlag, "-cp", System.getProperty("java.class.path"), "dev.tickerplant.daemon.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static boolean linuxX86() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
