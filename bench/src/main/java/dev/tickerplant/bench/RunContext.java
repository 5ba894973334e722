package dev.tickerplant.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run finds its jars and writes its files, and the JVM flags of every process it starts.
 *
 * @param benchJar  this module's runnable jar: simulator, subscribers, peer and JMH
 * @param daemonJar the daemon exactly as it ships
 * @param runDir    logs, GC logs and flight recordings of this run
 * @param daemonArgs settings appended to the daemon's command line ({@code --daemon-arg})
 * @param daemonJvmArgs JVM options appended to the daemon's shipped ones ({@code --daemon-jvm-arg}), to measure a
 *                      candidate before it ships
 */
public record RunContext(BenchPlan plan, Path benchJar, Path daemonJar, Path runDir, List<String> daemonArgs,
                         List<String> daemonJvmArgs) {

    /** The daemon's JVM settings of scripts/tickerplant.service (which also sets MALLOC_ARENA_MAX=2, as here). */
    public static final List<String> DAEMON_JVM = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx96m", "-Xmn8m",
            "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20", "-XX:TrimNativeHeapInterval=1000",
            "-XX:TieredStopAtLevel=1", "-Dio.netty.allocator.type=pooled",
            "-Dio.netty.allocator.numDirectArenas=2", "-Dio.netty.allocator.maxOrder=7",
            "-Dio.netty.leakDetection.level=disabled", "-Dio.netty.recycler.chunkSize=1024",
            "-XX:+ExitOnOutOfMemoryError");
    /** The peer gets the daemon's flags: same heap, same collector, same JIT. */
    public static final List<String> PEER_JVM = DAEMON_JVM;
    public static final List<String> SIMULATOR_JVM = List.of("-XX:+UseSerialGC", "-Xms128m", "-Xmx512m");
    /** A roomy young generation keeps the subscribers' own GC pauses out of the measured tail as far as possible. */
    public static final List<String> SUBSCRIBER_JVM = List.of("-XX:+UseSerialGC", "-Xms512m", "-Xmx512m", "-Xmn384m");
    public static final String JFR_NAME = "bench";

    public RunContext {
        require(benchJar, "--bench-jar");
        require(daemonJar, "--daemon-jar");
        daemonArgs = List.copyOf(daemonArgs);
        daemonJvmArgs = List.copyOf(daemonJvmArgs);
    }

    /** The JVM options every daemon of this run starts with: the shipped ones, then the run's own (which win). */
    public List<String> daemonJvm() {
        List<String> jvm = new ArrayList<>(DAEMON_JVM);
        jvm.addAll(daemonJvmArgs);
        return List.copyOf(jvm);
    }

    private static void require(Path jar, String flag) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(flag + ": " + jar + " does not exist (build it with mvn -DskipTests package)");
        }
    }

    /** A folder of {@link #runDir} for one scenario, created. */
    public Path dir(String scenario) {
        try {
            return Files.createDirectories(runDir.resolve(scenario));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + runDir.resolve(scenario), e);
        }
    }

    /** The flight-recorder settings the daemon runs with: allocation counters, CPU samples, allocation samples. */
    public Path jfrSettings() {
        Path file = runDir.resolve("bench.jfc");
        if (!Files.exists(file)) {
            try {
                Files.createDirectories(runDir);
                Files.writeString(file, String.join("\n",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                        "<configuration version=\"2.0\" label=\"tickerplant-bench\" description=\"allocation and CPU"
                                + " profile of the daemon under benchmark; low overhead\">",
                        "  <event name=\"jdk.ThreadAllocationStatistics\"><setting name=\"enabled\">true</setting>"
                                + "<setting name=\"period\">1 s</setting></event>",
                        "  <event name=\"jdk.ExecutionSample\"><setting name=\"enabled\">true</setting>"
                                + "<setting name=\"period\">20 ms</setting></event>",
                        "  <event name=\"jdk.ObjectAllocationSample\"><setting name=\"enabled\">true</setting>"
                                + "<setting name=\"throttle\">150/s</setting><setting name=\"stackTrace\">true</setting>"
                                + "</event>",
                        "</configuration>", ""));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        return file;
    }
}
