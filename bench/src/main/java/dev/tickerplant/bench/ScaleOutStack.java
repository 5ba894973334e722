package dev.tickerplant.bench;

import dev.tickerplant.bench.nats.NatsServer;
import dev.tickerplant.bench.net.Http;
import dev.tickerplant.bench.net.MetricsText;
import dev.tickerplant.bench.process.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon scaled out, built like {@link BenchStack}: one nats-server with JetStream (its store in a temporary
 * folder, removed at the end), the simulator, one ingest node publishing every tick to the stream, two fanout nodes
 * reading it, each daemon in its own JVM with the production flags, and one subscriber process whose clients are
 * dealt over the fanout nodes in turn. Closing it stops every process it started, clients first, then removes the store.
 */
public final class ScaleOutStack implements AutoCloseable {

    public static final List<String> FANOUT_NODES = List.of("fanout-a", "fanout-b");
    private static final String INGEST_NODE = "ingest-1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** One daemon of the stack: its process and where its HTTP routes answer. */
    public record Node(String name, JavaProcess process, URI http) {

        public DaemonHealth health() {
            return DaemonHealth.parse(healthText());
        }

        public BusHealth bus() {
            return BusHealth.parse(healthText());
        }

        /** Its own latency summaries (cumulative since it started), by stage; an error entry if it does not answer. */
        public Map<String, Object> latencies() {
            try {
                return new LinkedHashMap<>(MetricsText.latencies(
                        Http.get(http.resolve("/metrics")).requireOk(name + " /metrics").body()));
            } catch (IOException | RuntimeException e) {
                return Map.of("error", name + " /metrics unreachable (" + e.getMessage() + "); alive: "
                        + process.isAlive() + ", see " + process.log());
            }
        }

        public URI webSocket() {
            return URI.create("ws://127.0.0.1:" + http.getPort() + "/ws");
        }

        private String healthText() {
            try {
                // 503 still carries the whole document (e.g. a fanout node that has not caught up yet).
                return Http.get(http.resolve("/health")).body();
            } catch (IOException e) {
                throw new UncheckedIOException(name + " /health unreachable", e);
            }
        }
    }

    private final Path dir;
    private final Path storeDir;
    private final NatsServer nats;
    private final BenchStack.StartedSimulator simulator;
    private final List<Node> daemons = new ArrayList<>();
    private JavaProcess subscribers;

    private ScaleOutStack(Path dir, Path storeDir, NatsServer nats, BenchStack.StartedSimulator simulator) {
        this.dir = dir;
        this.storeDir = storeDir;
        this.nats = nats;
        this.simulator = simulator;
    }

    /**
     * Starts nats-server, the simulator, the ingest node (returns from that step once every upstream connection
     * streams), the fanout nodes (once each has caught up with the stream), then {@code clients} subscribers dealt
     * over the fanout nodes, returning once every one is subscribed.
     */
    public static ScaleOutStack start(RunContext context, BenchStack.Spec spec, int clients) {
        Path dir = context.dir(spec.name());
        Path storeDir;
        try {
            storeDir = Files.createTempDirectory("tickerplant-bench-jetstream-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary JetStream store folder", e);
        }
        NatsServer nats;
        try {
            nats = NatsServer.startJetStream(dir.resolve("nats-server.log"), storeDir);
        } catch (RuntimeException e) {
            delete(storeDir);
            throw e;
        }
        ScaleOutStack stack = null;
        try {
            stack = new ScaleOutStack(dir, storeDir, nats, BenchStack.startSimulator(context, dir, spec));
            stack.startIngest(context, spec);
            for (String name : FANOUT_NODES) {
                stack.startFanout(context, name);
            }
            stack.subscribers = BenchStack.startSubscriberProcess(context, dir, "subscribers",
                    stack.fanouts().stream().map(Node::webSocket).toList(), clients,
                    stack.fanouts().get(0).process().log());
            return stack;
        } catch (RuntimeException e) {
            if (stack != null) {
                stack.close();
            } else {
                nats.close();
                delete(storeDir);
            }
            throw e;
        }
    }

    private void startIngest(RunContext context, BenchStack.Spec spec) {
        int port = BenchStack.freePort();
        List<String> args = BenchStack.daemonArgs(context, dir, spec, simulator, INGEST_NODE, port,
                List.of("--role", "ingest", "--nats-url", nats.url().toString(), "--node-name", INGEST_NODE));
        Node node = new Node(INGEST_NODE, startDaemon(context, INGEST_NODE, args), URI.create("http://127.0.0.1:" + port));
        daemons.add(node);
        BenchStack.awaitAllStreaming(node.process(), node.http());
    }

    private void startFanout(RunContext context, String name) {
        int port = BenchStack.freePort();
        List<String> args = new ArrayList<>(List.of("--role", "fanout", "--nats-url", nats.url().toString(),
                "--node-name", name, "--listen-port", Integer.toString(port), "--max-clients", "1100",
                "--health-log-interval", "10s"));
        args.addAll(context.daemonArgs());
        Node node = new Node(name, startDaemon(context, name, args), URI.create("http://127.0.0.1:" + port));
        daemons.add(node);
        awaitCaughtUp(node);
    }

    private JavaProcess startDaemon(RunContext context, String name, List<String> args) {
        // No flight recording: its own CPU would count in the per-role figures this stack is for.
        return JavaProcess.start(name, BenchStack.jvm(context.daemonJvm(), dir, name),
                context.daemonJar().toString(), "dev.tickerplant.daemon.Main", args, dir.resolve(name + ".log"));
    }

    private static void awaitCaughtUp(Node node) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() - deadline < 0) {
            if (!node.process().isAlive()) {
                throw new IllegalStateException(node.name() + " exited during start-up; see " + node.process().log());
            }
            try {
                BusHealth bus = node.bus();
                if (bus.fanoutReady()) {
                    return;
                }
                last = "connected " + bus.connected() + ", caught up " + bus.caughtUp() + ", lag " + bus.lag();
            } catch (RuntimeException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new IllegalStateException(node.name() + " did not report the bus connected and caught up within "
                + READY_TIMEOUT.toSeconds() + " s (last: " + last + "); see " + node.process().log());
    }

    public Path dir() {
        return dir;
    }

    public Node ingest() {
        return daemons.get(0);
    }

    public List<Node> fanouts() {
        return daemons.subList(1, daemons.size());
    }

    public NatsServer nats() {
        return nats;
    }

    public JavaProcess simulator() {
        return simulator.process();
    }

    public JavaProcess subscribers() {
        return subscribers;
    }

    @Override
    public void close() {
        if (subscribers != null) {
            try {
                subscribers.send("quit");
            } catch (IllegalStateException e) {
                // already gone
            }
            subscribers.close();
        }
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).process().close();
        }
        simulator.process().close();
        nats.close();
        delete(storeDir);
    }

    /** Removes the JetStream store: tens of megabytes a minute at the benchmark's rate, of no use afterwards. */
    private static void delete(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("bench: could not remove the JetStream store " + folder + ": " + e.getMessage());
        }
    }
}
