package dev.tickerplant.bench.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tickerplant.bench.json.Json;
import dev.tickerplant.bench.net.Http;
import dev.tickerplant.bench.process.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * nats-server as Debian packages it, started for one scenario on ephemeral loopback ports (never 4222, where a system
 * NATS may listen) with its defaults otherwise: core NATS for the fanout comparisons, or with JetStream on and its
 * store in a folder of the caller's for the daemon's scale-out bus. Its output goes to a log file. The monitoring port
 * serves {@code /varz}, read for the slow-consumer count.
 */
public final class NatsServer implements AutoCloseable {

    /** Where Debian's {@code nats-server} package installs the binary. */
    public static final Path BINARY = Path.of("/usr/sbin/nats-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final int port;
    private final int monitorPort;
    private final Path log;

    private NatsServer(Process process, int port, int monitorPort, Path log) {
        this.process = process;
        this.port = port;
        this.monitorPort = monitorPort;
        this.log = log;
    }

    /** Starts a core-NATS server and returns once it accepts connections; fails with the reason (and the log) otherwise. */
    public static NatsServer start(Path log) {
        return start(log, List.of());
    }

    /** As {@link #start(Path)}, with JetStream on and its store in {@code storeDir}. */
    public static NatsServer startJetStream(Path log, Path storeDir) {
        return start(log, List.of("-js", "-sd", storeDir.toString()));
    }

    private static NatsServer start(Path log, List<String> extraArgs) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("nats-server not found at " + BINARY
                    + " (Debian package nats-server: apt-get install nats-server)");
        }
        int port = freePort();
        int monitorPort = freePort();
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-a", "127.0.0.1", "-p",
                Integer.toString(port), "-m", Integer.toString(monitorPort), "-n", "tickerplant-bench"));
        command.addAll(extraArgs);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            NatsServer server = new NatsServer(process, port, monitorPort, log);
            try {
                server.awaitListening();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with status " + process.exitValue()
                        + " during start-up; see " + log);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        throw new IllegalStateException("nats-server did not listen on 127.0.0.1:" + port + " within "
                + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    public URI url() {
        return URI.create("nats://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The server's version line, e.g. {@code v2.9.10}; "unknown" when /varz does not answer. */
    public String version() {
        JsonNode version = varz("version");
        return version.isValueNode() ? version.asText() : "unknown";
    }

    /** Connections the server has flagged as slow consumers since it started (it drops their messages). */
    public long slowConsumers() {
        JsonNode count = varz("slow_consumers");
        return count.isNumber() ? count.longValue() : -1;
    }

    /** A field of /varz; a missing node when the server does not answer. */
    private JsonNode varz(String field) {
        try {
            return Json.tree(Http.get(URI.create("http://127.0.0.1:" + monitorPort + "/varz"))
                    .requireOk("nats-server /varz").body()).path(field);
        } catch (IOException | RuntimeException e) {
            return MissingNode.getInstance();
        }
    }

    /** SIGTERM (nats-server shuts down cleanly on it), then SIGKILL after a grace period. */
    @Override
    public void close() {
        JavaProcess.stop(process, STOP_GRACE);
    }
}
