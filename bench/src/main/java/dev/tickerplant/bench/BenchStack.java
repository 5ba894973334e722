package dev.tickerplant.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.bench.json.Json;
import dev.tickerplant.bench.net.Http;
import dev.tickerplant.bench.net.MetricsText;
import dev.tickerplant.bench.process.JavaProcess;
import dev.tickerplant.sim.market.Product;
import dev.tickerplant.sim.market.ProductCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulator and one daemon, each in its own JVM, wired to each other on loopback; plus the client processes a
 * scenario adds. Closing it stops every process it started, clients first.
 */
public final class BenchStack implements AutoCloseable {

    public static final long SEED = 1;
    private static final Pattern BANNER = Pattern.compile(
            "^tickerplant-sim advanced-trade=(\\S+) exchange=(\\S+) rest=(\\S+) control=(\\S+) .*");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /**
     * How to start the pair.
     *
     * @param flightRecording whether the daemon runs with a flight recording (allocation and CPU profiles); off where
     *                        the recorder's own CPU and memory would distort what is measured
     */
    public record Spec(String name, String upstreamProtocol, double tickRate, boolean constantSchedule,
                       boolean flightRecording) {

        public Spec(String name, String upstreamProtocol, double tickRate, boolean constantSchedule) {
            this(name, upstreamProtocol, tickRate, constantSchedule, true);
        }
    }

    private final RunContext context;
    private final Path dir;
    private final JavaProcess simulator;
    private final URI advancedTrade;
    private final URI exchange;
    private final URI rest;
    private final URI control;
    private final JavaProcess daemon;
    private final URI daemonHttp;
    private final Duration coldStart;
    private final boolean flightRecording;
    private final List<JavaProcess> clients = new ArrayList<>();

    private BenchStack(RunContext context, Path dir, JavaProcess simulator, URI[] sim, JavaProcess daemon,
                       URI daemonHttp, Duration coldStart, boolean flightRecording) {
        this.context = context;
        this.dir = dir;
        this.simulator = simulator;
        this.advancedTrade = sim[0];
        this.exchange = sim[1];
        this.rest = sim[2];
        this.control = sim[3];
        this.daemon = daemon;
        this.daemonHttp = daemonHttp;
        this.coldStart = coldStart;
        this.flightRecording = flightRecording;
    }

    /** Starts the simulator, then the daemon, and returns once every upstream connection streams. */
    public static BenchStack start(RunContext context, Spec spec) {
        return start(context, spec, List.of());
    }

    /** As above, with settings of the scenario's own (e.g. {@code --redundancy 2}) before the run's {@code --daemon-arg}s. */
    public static BenchStack start(RunContext context, Spec spec, List<String> settings) {
        Path dir = context.dir(spec.name());
        StartedSimulator sim = startSimulator(context, dir, spec);
        JavaProcess daemon = null;
        try {
            int port = freePort();
            List<String> daemonJvm = new ArrayList<>(jvm(context.daemonJvm(), dir, "daemon"));
            if (spec.flightRecording()) {
                daemonJvm.add("-XX:StartFlightRecording=name=" + RunContext.JFR_NAME + ",settings="
                        + context.jfrSettings() + ",maxsize=256m");
            }
            daemon = JavaProcess.start("daemon", daemonJvm, context.daemonJar().toString(), "dev.tickerplant.daemon.Main",
                    daemonArgs(context, dir, spec, sim, "daemon", port, settings), dir.resolve("daemon.log"));
            URI http = URI.create("http://127.0.0.1:" + port);
            Duration coldStart = awaitAllStreaming(daemon, http);
            URI[] uris = {sim.advancedTrade(), sim.exchange(), sim.rest(), sim.control()};
            return new BenchStack(context, dir, sim.process(), uris, daemon, http, coldStart, spec.flightRecording());
        } catch (RuntimeException e) {
            if (daemon != null) {
                daemon.close();
            }
            sim.process().close();
            throw e;
        }
    }

    /** The simulator's process and the addresses its banner announced. */
    record StartedSimulator(JavaProcess process, URI advancedTrade, URI exchange, URI rest, URI control) {
    }

    /** Starts the simulator with the spec's rate and schedule; returns once it has printed its addresses. */
    static StartedSimulator startSimulator(RunContext context, Path dir, Spec spec) {
        List<String> simArgs = new ArrayList<>(List.of("--rate", Double.toString(spec.tickRate()),
                "--seed", Long.toString(SEED), "--emitted-log-capacity", "10000"));
        if (spec.constantSchedule()) {
            simArgs.addAll(List.of("--schedule", "constant", "--product-order", "round-robin", "--intended-timestamps"));
        }
        JavaProcess simulator = JavaProcess.start("simulator", jvm(RunContext.SIMULATOR_JVM, dir, "simulator"),
                context.benchJar().toString(), "dev.tickerplant.sim.SimulatorMain", simArgs, dir.resolve("simulator.log"));
        try {
            Matcher banner = BANNER.matcher(simulator.awaitLine(l -> BANNER.matcher(l).matches(), START_TIMEOUT,
                    "start-up banner"));
            if (!banner.matches()) {
                throw new IllegalStateException("unreachable");
            }
            return new StartedSimulator(simulator, URI.create(banner.group(1)), URI.create(banner.group(2)),
                    URI.create(banner.group(3)), URI.create(banner.group(4)));
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    /**
     * The command line of a daemon with an upstream (role all or ingest) on the simulator: only its URLs, its own
     * files and port, and the harness's client limit differ from the defaults; then {@code more} (a role's
     * settings), then the {@code --daemon-arg}s, which win.
     */
    static List<String> daemonArgs(RunContext context, Path dir, Spec spec, StartedSimulator sim, String name,
                                   int port, List<String> more) {
        List<String> args = new ArrayList<>(List.of(
                "--upstream-protocol", spec.upstreamProtocol(),
                "--upstream-url", (spec.upstreamProtocol().equals("exchange") ? sim.exchange() : sim.advancedTrade())
                        .toString(),
                "--rest-url", sim.rest().toString(),
                "--catalog-cache-file", dir.resolve(name + "-catalog-cache.json").toString(),
                "--listen-port", Integer.toString(port),
                "--max-clients", "1100",
                "--health-log-interval", "10s"));
        args.addAll(more);
        args.addAll(context.daemonArgs());
        return args;
    }

    /** Time from launching the daemon's JVM until {@code /health} reports every upstream connection streaming. */
    static Duration awaitAllStreaming(JavaProcess daemon, URI http) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() - deadline < 0) {
            if (!daemon.isAlive()) {
                throw new IllegalStateException("the daemon exited during start-up; see " + daemon.log());
            }
            try {
                Http.Response response = Http.get(http.resolve("/health"));
                if (response.status() == 200 || response.status() == 503) {
                    DaemonHealth health = DaemonHealth.parse(response.body());
                    last = health.streaming() + "/" + health.total() + " streaming";
                    if (health.allStreaming()) {
                        return Duration.between(daemon.started(), Instant.now());
                    }
                } else {
                    last = "HTTP " + response.status();
                }
            } catch (IOException | RuntimeException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new IllegalStateException("the daemon's /health at " + http + " did not report every connection streaming"
                + " within " + START_TIMEOUT.toSeconds() + " s (last: " + last + "); see " + daemon.log());
    }

    static List<String> jvm(List<String> base, Path dir, String name) {
        List<String> args = new ArrayList<>(base);
        args.add("-Xlog:gc:file=" + dir.resolve(name + "-gc.log"));
        return args;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    public Path dir() {
        return dir;
    }

    public JavaProcess daemon() {
        return daemon;
    }

    public JavaProcess simulator() {
        return simulator;
    }

    /** Whether the daemon runs with a flight recording to dump. */
    public boolean flightRecording() {
        return flightRecording;
    }

    public Duration coldStart() {
        return coldStart;
    }

    public URI daemonWebSocket() {
        return URI.create("ws://127.0.0.1:" + daemonHttp.getPort() + "/ws");
    }

    public DaemonHealth health() {
        try {
            return DaemonHealth.parse(Http.get(daemonHttp.resolve("/health")).body());
        } catch (IOException e) {
            throw new UncheckedIOException("daemon /health unreachable", e);
        }
    }

    /** The daemon's own latency summaries (cumulative since it started), by stage; an error entry if it is gone. */
    public Map<String, Object> daemonLatencies() {
        try {
            return new LinkedHashMap<>(MetricsText.latencies(
                    Http.get(daemonHttp.resolve("/metrics")).requireOk("daemon /metrics").body()));
        } catch (IOException | RuntimeException e) {
            return Map.of("error", "daemon /metrics unreachable: " + daemonFailure());
        }
    }

    /** Why the daemon stopped answering: its first fatal log line, or that it is alive but silent. */
    public String daemonFailure() {
        try {
            for (String line : Files.readAllLines(daemon.log())) {
                if (line.contains("OutOfMemoryError") || line.startsWith("Exception in thread")) {
                    return (daemon.isAlive() ? "alive, but " : "exited; ") + line.trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return daemon.isAlive() ? "alive, no fatal error in its log" : "exited; see " + daemon.log();
    }

    public void tickRate(double ticksPerSecond) {
        simulatorControl("POST", "/ticks/rate?value=" + ticksPerSecond);
    }

    /** Ticks the simulator generated since it started. */
    public long ticksEmitted() {
        JsonNode emitted = Json.tree(simulatorControl("GET", "/ticks")).path("emitted");
        return emitted.isNumber() ? emitted.longValue() : 0;
    }

    /** The simulator's ids of the open WebSocket connections. */
    public List<Long> simulatorConnections() {
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : Json.tree(simulatorControl("GET", "/connections")).path("connections")) {
            JsonNode id = item.path("id");
            if (id.isNumber()) {
                ids.add(id.longValue());
            }
        }
        return ids;
    }

    /** TCP reset of one simulator connection (or of all, when {@code connectionId} is null). */
    public void reset(Long connectionId) {
        simulatorControl("POST", "/faults/reset" + (connectionId == null ? "" : "?connection=" + connectionId));
    }

    /**
     * One of the simulator's faults on one connection, e.g. {@code fault("close", 7, "code=1001")}; {@code query} is
     * the fault's own parameters, or empty.
     */
    public void fault(String name, long connectionId, String query) {
        simulatorControl("POST", "/faults/" + name + "?connection=" + connectionId + (query.isEmpty() ? "" : "&" + query));
    }

    private String simulatorControl(String method, String path) {
        try {
            URI uri = control.resolve(path);
            Http.Response response = method.equals("GET") ? Http.get(uri) : Http.post(uri);
            return response.requireOk("simulator " + method + " " + path).body();
        } catch (IOException e) {
            throw new UncheckedIOException("simulator control API unreachable", e);
        }
    }

    /** N downstream clients in one JVM, subscribed to every product; returns once they all are. */
    public JavaProcess startSubscribers(String name, int clients) {
        return startSubscribers(name, clients, false);
    }

    /** As above; with {@code deflate} the clients offer permessage-deflate, as browsers do, and inflate. */
    public JavaProcess startSubscribers(String name, int clients, boolean deflate) {
        JavaProcess process = startSubscriberProcess(context, dir, name, List.of(daemonWebSocket()), clients,
                daemon.log(), deflate ? List.of("--deflate") : List.of());
        clients(process);
        return process;
    }

    /**
     * A subscriber process of {@code clients} clients of {@code url} (the daemon's {@code ws://} or nats-server's
     * {@code nats://}), every one following every product; returns once they all are subscribed.
     *
     * @param serverLog where to look when the server refused them
     */
    static JavaProcess startSubscriberProcess(RunContext context, Path dir, String name, URI url, int clients,
                                              Path serverLog) {
        return startSubscriberProcess(context, dir, name, List.of(url), clients, serverLog);
    }

    /** As above, the clients dealt in turn over several servers of one kind (fanout nodes). */
    static JavaProcess startSubscriberProcess(RunContext context, Path dir, String name, List<URI> urls, int clients,
                                              Path serverLog) {
        return startSubscriberProcess(context, dir, name, urls, clients, serverLog, List.of());
    }

    private static JavaProcess startSubscriberProcess(RunContext context, Path dir, String name, List<URI> urls,
                                                      int clients, Path serverLog, List<String> extraArgs) {
        List<String> args = new ArrayList<>();
        for (URI url : urls) {
            args.addAll(List.of("--url", url.toString()));
        }
        args.addAll(List.of("--clients", Integer.toString(clients), "--connects-per-second", "500"));
        args.addAll(extraArgs);
        JavaProcess process = JavaProcess.start(name, jvm(RunContext.SUBSCRIBER_JVM, dir, name),
                context.benchJar().toString(), "dev.tickerplant.bench.subscriber.SubscriberMain", args,
                dir.resolve(name + ".log"));
        try {
            String ready = process.awaitLine(l -> l.startsWith("READY "), Duration.ofSeconds(90), "READY line");
            if (!ready.endsWith("subscribed=" + clients)) {
                throw new IllegalStateException(name + " could not subscribe every client: " + ready + "; see "
                        + process.log() + " and " + serverLog);
            }
            return process;
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** The peer library following the same products on the simulator's Exchange endpoint. */
    public JavaProcess startPeer() {
        Path products = dir.resolve("peer-products.txt");
        try {
            Files.write(products, followedProducts());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + products, e);
        }
        JavaProcess process = JavaProcess.start("peer", jvm(RunContext.PEER_JVM, dir, "peer"),
                context.benchJar().toString(), "dev.tickerplant.bench.peer.XChangePeerMain",
                List.of("--url", exchange.toString(), "--rest", rest.toString(), "--products-file", products.toString()),
                dir.resolve("peer.log"));
        clients(process);
        process.awaitLine(l -> l.startsWith("READY "), Duration.ofSeconds(60), "READY line");
        return process;
    }

    /** What the daemon follows by default: every online, tradable, non-alias USD product (300 in the simulator). */
    public static List<String> followedProducts() {
        List<String> ids = new ArrayList<>();
        for (Product p : ProductCatalog.generate(SEED).products()) {
            if (p.trades() && !p.isAlias() && p.quoteCurrency().equals("USD") && p.flags().online()) {
                ids.add(p.id());
            }
        }
        return ids;
    }

    /**
     * The share of a round-robin schedule's ticks that belong to followed products: the simulator also trades a few
     * non-USD books the daemon does not follow.
     */
    public static double followedShareOfTicks() {
        long trading = ProductCatalog.generate(SEED).products().stream().filter(p -> p.trades() && !p.isAlias()).count();
        return (double) followedProducts().size() / trading;
    }

    private void clients(JavaProcess process) {
        clients.add(process);
    }

    /** Stops a client process it started (quit, then SIGTERM). */
    public void stop(JavaProcess client) {
        try {
            client.send("quit");
        } catch (IllegalStateException e) {
            // already gone
        }
        client.close();
        clients.remove(client);
    }

    @Override
    public void close() {
        for (JavaProcess client : List.copyOf(clients)) {
            stop(client);
        }
        daemon.close();
        simulator.close();
    }
}
