package dev.tickerplant.testing.nats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A JetStream cluster of {@code size} {@link NatsServerProcess}es on loopback, named {@code <name>-1} ..
 * {@code <name>-<size>}, each with its own store. Every server routes to all the others on route ports chosen before
 * the first one starts (a route list cannot wait for ports the servers would pick themselves); should another process
 * take one of them in between, the whole cluster is started once more on fresh ports. Client ports are the servers' own
 * picks, as for a single server.
 */
public final class NatsCluster implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final List<NatsServerProcess> servers;

    private NatsCluster(String name, List<NatsServerProcess> servers) {
        this.name = name;
        this.servers = List.copyOf(servers);
    }

    /** Starts {@code size} servers as cluster "tickerplant"; call {@link #awaitReady()} before using JetStream. */
    public static NatsCluster start(int size) {
        return start("tickerplant", size);
    }

    public static NatsCluster start(String name, int size) {
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException(
                    "name: \"" + name + "\" (expected letters, digits, '-' or '_', e.g. tickerplant)");
        }
        if (size < 2) {
            throw new IllegalArgumentException("size: " + size + " (expected >= 2; one server is a NatsServerProcess)");
        }
        try {
            return launch(name, freeLoopbackPorts(size));
        } catch (NatsStartException first) {
            if (!first.addressInUse()) {
                throw first;
            }
            try {
                return launch(name, freeLoopbackPorts(size));
            } catch (RuntimeException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    /** One server per route port, each routing to all of them. */
    static NatsCluster launch(String name, List<Integer> routePorts) {
        int size = routePorts.size();
        String routes = routePorts.stream().map(NatsCluster::routeUrl).collect(Collectors.joining(","));
        List<NatsServerProcess> started = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                started.add(NatsServerProcess.start(name + "-" + (i + 1), List.of("--cluster_name", name,
                        "--cluster", routeUrl(routePorts.get(i)), "--routes", routes)));
            }
            NatsCluster cluster = new NatsCluster(name, started);
            cluster.awaitRouted();
            return cluster;
        } catch (RuntimeException e) {
            started.forEach(NatsServerProcess::close);
            throw e;
        }
    }

    /** Distinct ports that were free a moment ago: all held open together, then released for the servers. */
    private static List<Integer> freeLoopbackPorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // it was only held to reserve its number
                }
            }
        }
    }

    private static String routeUrl(int port) {
        return "nats://127.0.0.1:" + port;
    }

    public String name() {
        return name;
    }

    public List<NatsServerProcess> servers() {
        return servers;
    }

    /** The server at {@code index}, 0-based, in start order. */
    public NatsServerProcess server(int index) {
        return servers.get(index);
    }

    /** Every server's client URL, comma-separated, as the {@code nats-url} setting and jnats' server list take them. */
    public String clientUrls() {
        return servers.stream().map(NatsServerProcess::clientUrl).collect(Collectors.joining(","));
    }

    /**
     * Waits until JetStream can place replicated streams: every server runs and follows the same meta leader, and that
     * leader sees all other peers as current. Also the way to know that a restarted server has rejoined.
     */
    public void awaitReady() {
        AtomicReference<String> lastSeen = new AtomicReference<>("nothing yet");
        try {
            Awaitility.await("JetStream cluster " + name + " ready").atMost(READY_TIMEOUT)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).pollInSameThread()
                    .until(() -> {
                        List<MetaCluster> views = new ArrayList<>();
                        for (NatsServerProcess server : servers) {
                            Optional<MetaCluster> view = metaCluster(server);
                            if (view.isEmpty()) {
                                lastSeen.set(server.name() + " does not answer /jsz");
                                return false;
                            }
                            views.add(view.get());
                        }
                        lastSeen.set(views.toString());
                        return ready(views);
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("JetStream cluster " + name + " not ready within "
                    + READY_TIMEOUT.toSeconds() + " s; last seen " + lastSeen.get() + "; logs: " + logs(), e);
        }
    }

    /**
     * Waits until every server has a route to every other. A server opens its route port only after its client port,
     * so "listening" does not yet mean its route port was still free; a server whose route port was taken exits
     * instead, and is reported as a {@link NatsStartException}.
     */
    private void awaitRouted() {
        AtomicReference<String> lastSeen = new AtomicReference<>("nothing yet");
        try {
            Awaitility.await("NATS cluster " + name + " routed").atMost(NatsServerProcess.START_TIMEOUT)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).pollInSameThread()
                    .until(() -> {
                        List<String> routes = new ArrayList<>();
                        boolean complete = true;
                        for (NatsServerProcess server : servers) {
                            server.requireStarted();
                            int count = monitoring(server, "/routez").map(routez -> routez.path("num_routes").asInt())
                                    .orElse(-1);
                            routes.add(server.name() + ": " + count + " routes");
                            complete &= count >= servers.size() - 1;
                        }
                        lastSeen.set(routes.toString());
                        return complete;
                    });
        } catch (ConditionTimeoutException e) {
            throw new NatsStartException("NATS cluster " + name + " not fully routed within "
                    + NatsServerProcess.START_TIMEOUT.toSeconds() + " s; last seen " + lastSeen.get() + "; logs: "
                    + logs(), false);
        }
    }

    private boolean ready(List<MetaCluster> views) {
        String leader = views.get(0).leader();
        if (leader.isEmpty() || views.stream().anyMatch(view -> !view.leader().equals(leader))) {
            return false;
        }
        MetaCluster leaderView = views.stream().filter(MetaCluster::isLeader).findFirst().orElse(null);
        return leaderView != null && leaderView.clusterSize() == servers.size()
                && leaderView.currentPeers().size() == servers.size() - 1;
    }

    private static Optional<MetaCluster> metaCluster(NatsServerProcess server) {
        return monitoring(server, "/jsz").map(jsz -> MetaCluster.of(server.name(), jsz));
    }

    /** A monitoring endpoint's JSON; empty while the server is down or does not answer. */
    private static Optional<JsonNode> monitoring(NatsServerProcess server, String path) {
        if (!server.isRunning()) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> response = Http.get(URI.create(server.monitoringUrl() + path));
            return response.statusCode() == 200 ? Optional.of(Json.tree(response.body())) : Optional.empty();
        } catch (UncheckedIOException notAnswering) {
            return Optional.empty();
        }
    }

    private String logs() {
        return servers.stream().map(server -> server.log().toString()).collect(Collectors.joining(", "));
    }

    /** Stops every server and deletes their stores. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (NatsServerProcess server : servers) {
            try {
                server.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "NATS cluster " + name + " " + clientUrls();
    }
}
