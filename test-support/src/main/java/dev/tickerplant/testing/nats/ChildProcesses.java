package dev.tickerplant.testing.nats;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nats-servers this JVM started and has not seen exit. A test JVM that ends without closing its fixtures (a
 * crash, a timeout of the fork) kills them on its way out, so no server outlives the build and holds its ports.
 */
final class ChildProcesses {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "nats-server-reaper"));
    }

    private ChildProcesses() {
    }

    static void track(Process process) {
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
    }
}
