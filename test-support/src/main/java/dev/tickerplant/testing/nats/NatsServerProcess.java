package dev.tickerplant.testing.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One Debian {@code nats-server} with JetStream, run as a child process for a test: loopback only, on a port the
 * server picks itself ({@code -p -1}, read back from its ports file, so never the 4222 a system NATS may hold), with
 * its own store directory and its output appended to a log file under the build directory (the
 * {@code tickerplant.buildDirectory} property surefire sets; the temporary directory elsewhere). Every failure names
 * that log.
 *
 * <p>{@link #restart()} brings the server back on the same client port with the same store, as a crashed server that
 * comes back would: clients reconnect to the URL they had, JetStream finds its data. {@link #close()} stops it and
 * deletes the store; the log stays.
 */
public final class NatsServerProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String LOOPBACK = "127.0.0.1";

    private final Path binary;
    private final String name;
    private final List<String> extraArguments;
    private final Path workDirectory;
    private final Path storeDirectory;
    private final Path portsDirectory;
    private final Path log;
    private Process process;
    /** Chosen by the server on its first start, then kept for every restart; -1 before. */
    private int clientPort = -1;
    private int monitoringPort = -1;

    private NatsServerProcess(Path binary, String name, List<String> extraArguments) throws IOException {
        this.binary = binary;
        this.name = name;
        this.extraArguments = List.copyOf(extraArguments);
        this.workDirectory = Files.createTempDirectory("nats-" + name + "-");
        this.storeDirectory = Files.createDirectory(workDirectory.resolve("store"));
        this.portsDirectory = Files.createDirectory(workDirectory.resolve("ports"));
        Path logDirectory = Files.createDirectories(logDirectory());
        this.log = Files.createTempFile(logDirectory, name + "-", ".log");
    }

    /** Starts a standalone server named {@code serverName} and returns once it accepts connections. */
    public static NatsServerProcess start(String serverName) {
        return start(serverName, List.of());
    }

    /**
     * As {@link #start(String)}, with more command-line arguments (kept for restarts), e.g. a cluster's, or
     * {@code -c FILE} for what the command line cannot say, such as authorization.
     */
    public static NatsServerProcess start(String serverName, List<String> extraArguments) {
        if (serverName == null || !serverName.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException(
                    "serverName: \"" + serverName + "\" (expected letters, digits, '-' or '_', e.g. nats-1)");
        }
        Path binary = NatsBinary.locate();
        NatsServerProcess server;
        try {
            server = new NatsServerProcess(binary, serverName, extraArguments);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the directories of nats-server " + serverName, e);
        }
        try {
            server.launch();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** {@code nats://127.0.0.1:PORT}, the same across restarts. */
    public synchronized String clientUrl() {
        return "nats://" + LOOPBACK + ":" + clientPort;
    }

    public synchronized int clientPort() {
        return clientPort;
    }

    /** The HTTP monitoring endpoint ({@code /varz}, {@code /jsz}, ...) of the running server; it moves on restart. */
    public synchronized URI monitoringUrl() {
        return URI.create("http://" + LOOPBACK + ":" + monitoringPort);
    }

    /** The {@code --server_name}, as JetStream reports it (stream leaders, replicas). */
    public String name() {
        return name;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public Path storeDirectory() {
        return storeDirectory;
    }

    public Path log() {
        return log;
    }

    /** SIGKILL, as a crash: nothing is flushed or said to the cluster. Returns once the process is gone. */
    public synchronized void kill() {
        if (isRunning()) {
            process.destroyForcibly();
            awaitExit("SIGKILL");
        }
    }

    /**
     * SIGSTOP: the server keeps its sockets open but answers nothing, as an overloaded or stalled server would, until
     * {@link #resume()}.
     */
    public synchronized void suspend() {
        signal("STOP");
        // kill(2) returns before every thread has stopped; a thread still running could answer a few more requests.
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        Awaitility.await(this + " stopped").atMost(STOP_TIMEOUT).pollInterval(Duration.ofMillis(10))
                .pollInSameThread().until(() -> allStopped(tasks));
    }

    /** Whether every thread of the process is in state T (stopped), by its {@code /proc/PID/task/TID/stat}. */
    private static boolean allStopped(Path tasks) throws IOException {
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                String stat = Files.readString(thread.resolve("stat"));
                // The state follows the command name, which is in parentheses and may itself hold spaces.
                if (stat.charAt(stat.lastIndexOf(')') + 2) != 'T') {
                    return false;
                }
            }
            return true;
        }
    }

    /** SIGCONT after {@link #suspend()}: the server works off what it received meanwhile. */
    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        if (!isRunning()) {
            throw new IllegalStateException(this + " is not running; log: " + log);
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + this, e);
        }
    }

    /** SIGTERM, a clean shutdown; returns once the process is gone (SIGKILL and a failure after a long wait). */
    public synchronized void stop() {
        if (isRunning()) {
            process.destroy();
            if (!exited()) {
                process.destroyForcibly();
                awaitExit("SIGKILL");
                throw new IllegalStateException(this + " did not exit within " + STOP_TIMEOUT.toSeconds()
                        + " s of SIGTERM and was killed; log: " + log);
            }
        }
    }

    /** Stops the server if it runs and starts it again on the same client port, with the same store and arguments. */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** The last {@code lines} lines of the server's log, for failure messages. */
    public String logTail(int lines) {
        List<String> all;
        try {
            all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Stops the server and deletes its store; the log is kept. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            deleteRecursively(workDirectory);
        }
    }

    @Override
    public String toString() {
        return "nats-server " + name + (clientPort > 0 ? " (" + clientUrl() + ")" : "");
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--server_name", name,
                "-a", LOOPBACK, "-p", Integer.toString(clientPort), "-m", "-1",
                "-js", "-sd", storeDirectory.toString(), "--ports_file_dir", portsDirectory.toString()));
        command.addAll(extraArguments);
        try {
            Files.writeString(log, "--- " + Instant.now() + " " + String.join(" ", command) + System.lineSeparator(),
                    StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command) + "; log: " + log, e);
        }
        ChildProcesses.track(process);
        PortsFile ports = awaitListening();
        if (clientPort > 0 && ports.client() != clientPort) {
            throw new IllegalStateException(this + " came back on port " + ports.client() + " instead of "
                    + clientPort + "; log: " + log);
        }
        clientPort = ports.client();
        monitoringPort = ports.monitoring();
    }

    /** Waits for the ports file of this process and for its client port to accept a connection. */
    private PortsFile awaitListening() {
        Process launched = process;
        try {
            return Awaitility.await(this + " listening").atMost(START_TIMEOUT)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).pollInSameThread()
                    .until(() -> listeningPorts(launched), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            launched.destroyForcibly();
            throw new NatsStartException("nats-server " + name + " did not report a listening client port within "
                    + START_TIMEOUT.toSeconds() + " s; log: " + log, false);
        }
    }

    private Optional<PortsFile> listeningPorts(Process launched) {
        requireAlive(launched);
        return PortsFile.read(portsDirectory, launched.pid()).filter(ports -> accepts(ports.client()));
    }

    /** Fails with the server's last log line (its fatal error) once the process has exited during start-up. */
    synchronized void requireStarted() {
        requireAlive(process);
    }

    private void requireAlive(Process launched) {
        if (!launched.isAlive()) {
            String last = logTail(1);
            throw new NatsStartException("nats-server " + name + " exited with status " + launched.exitValue()
                    + " before it was ready: " + last + "; log: " + log, last.contains("address already in use"));
        }
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private boolean exited() {
        try {
            return process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + this + " to exit", e);
        }
    }

    private void awaitExit(String signal) {
        if (!exited()) {
            throw new IllegalStateException(this + " (pid " + process.pid() + ") still runs " + STOP_TIMEOUT.toSeconds()
                    + " s after " + signal + "; log: " + log);
        }
    }

    private static Path logDirectory() {
        String buildDirectory = System.getProperty("tickerplant.buildDirectory");
        return buildDirectory != null && !buildDirectory.isBlank()
                ? Path.of(buildDirectory, "nats-server")
                : Path.of(System.getProperty("java.io.tmpdir"), "tickerplant-nats-server");
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
