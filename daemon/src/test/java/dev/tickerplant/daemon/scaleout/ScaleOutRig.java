package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.market.Tick;
import dev.tickerplant.testing.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Ingest and fanout nodes around one simulator and one bus, each a real daemon on its own ports: in the test's JVM, or
 * in a JVM of its own when the test must kill the node.
 */
final class ScaleOutRig implements AutoCloseable {
    static final int PRODUCTS = 6;

    final Simulator sim;
    private final String natsUrls;
    private final Path dir;
    private final List<Daemon> running = new ArrayList<>();
    private final List<NodeProcess> processes = new ArrayList<>();

    ScaleOutRig(Simulator sim, String natsUrls, Path dir) {
        this.sim = sim;
        this.natsUrls = natsUrls;
        this.dir = dir;
    }

    /** An ingest node following the simulator's top products; {@code extra} settings come last and win. */
    Daemon ingest(String name, String... extra) {
        return start(ingestArgs(name, extra));
    }

    /** As {@link #ingest}, in a JVM of its own: a node that can be killed like a host. */
    NodeProcess ingestProcess(String name, String... extra) {
        NodeProcess node = NodeProcess.start(name, dir, Arrays.asList(ingestArgs(name, extra)));
        processes.add(node);
        return node;
    }

    private String[] ingestArgs(String name, String... extra) {
        return args(name, Stream.concat(Stream.of(
                "--role", "ingest",
                "--upstream-url", sim.advancedTradeUri().toString(),
                "--rest-url", sim.restBaseUri().toString(),
                "--catalog-cache-file", dir.resolve(name + "-catalog.json").toString(),
                "--top-n", String.valueOf(PRODUCTS), "--products-per-connection", "3"), Arrays.stream(extra)));
    }

    Daemon fanout(String name, String... extra) {
        return start(fanoutArgs(name, extra));
    }

    /** As {@link #fanout}, in a JVM of its own: a node that can be killed like a host. */
    NodeProcess fanoutProcess(String name, String... extra) {
        NodeProcess node = NodeProcess.start(name, dir, Arrays.asList(fanoutArgs(name, extra)));
        processes.add(node);
        return node;
    }

    private String[] fanoutArgs(String name, String... extra) {
        return args(name, Stream.concat(Stream.of("--role", "fanout"), Arrays.stream(extra)));
    }

    private String[] args(String name, Stream<String> args) {
        return Stream.concat(Stream.of("--listen-port", "0", "--nats-url", natsUrls, "--node-name", name),
                args).toArray(String[]::new);
    }

    private Daemon start(String[] args) {
        Daemon daemon = Daemon.start(SettingsLoader.load(args, Map.of()));
        running.add(daemon);
        return daemon;
    }

    void stop(Daemon daemon) {
        running.remove(daemon);
        daemon.close();
    }

    /** Waits until every upstream connection of the node streams. */
    static void awaitStreaming(Daemon ingest) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(
                ingest.upstream().streamingCount() == ingest.upstream().sessions().size(),
                () -> ingest.upstream().streamingCount() + "/" + ingest.upstream().sessions().size() + " streaming"));
    }

    /** The products the ingest node follows. */
    static Set<String> products(Daemon ingest) {
        return new HashSet<>(ingest.plan().shards().stream().flatMap(s -> s.productIds().stream()).toList());
    }

    /** Waits until the node's /health answers {@code status} with a body containing {@code containing}. */
    static HttpResponse<String> awaitHealth(int port, int status, String containing) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            last.set(Http.get(port, "/health"));
            assertTrue(last.get().statusCode() == status && last.get().body().contains(containing),
                    () -> last.get().statusCode() + " " + last.get().body());
        });
        return last.get();
    }

    /**
     * Every tick the simulator emitted for these products after the first one the subscriber received of each, up to
     * the last emitted, that the subscriber did not receive.
     */
    List<String> missing(Set<String> products, List<TickCollector.Received> received) {
        Set<String> keys = new HashSet<>();
        Map<String, String> firstKey = new HashMap<>();
        for (TickCollector.Received r : received) {
            keys.add(r.key());
            firstKey.putIfAbsent(r.product(), r.key());
        }
        List<String> missing = new ArrayList<>();
        for (String product : products) {
            boolean counting = false;
            for (Tick t : sim.emitted().ticksFor(product)) {
                String key = product + "|" + t.volume24h() + "|" + t.price();
                counting |= key.equals(firstKey.get(product));
                if (counting && !keys.contains(key)) {
                    missing.add(product + "#" + t.emission());
                }
            }
        }
        return missing;
    }

    /** Keys received more than once. */
    static List<String> duplicates(List<TickCollector.Received> received) {
        Set<String> seen = new HashSet<>();
        return received.stream().map(TickCollector.Received::key).filter(k -> !seen.add(k)).toList();
    }

    /** Seqs that are not one more than the one before. */
    static List<String> gaps(List<TickCollector.Received> received) {
        List<String> gaps = new ArrayList<>();
        for (int i = 1; i < received.size(); i++) {
            if (received.get(i).seq() != received.get(i - 1).seq() + 1) {
                gaps.add(received.get(i - 1).seq() + "->" + received.get(i).seq());
            }
        }
        return gaps;
    }

    @Override
    public void close() {
        processes.forEach(NodeProcess::close);
        processes.clear();
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }
}
