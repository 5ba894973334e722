package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.market.Tick;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Ingest and fanout nodes in one JVM around one simulator and one bus, each a real daemon on its own ports. */
final class ScaleOutRig implements AutoCloseable {
    static final int PRODUCTS = 6;

    final Simulator sim;
    private final String natsUrls;
    private final Path dir;
    private final List<Daemon> running = new ArrayList<>();

    ScaleOutRig(Simulator sim, String natsUrls, Path dir) {
        this.sim = sim;
        this.natsUrls = natsUrls;
        this.dir = dir;
    }

    /** An ingest node following the simulator's top products; {@code extra} settings come last and win. */
    Daemon ingest(String name, String... extra) {
        return start(name, Stream.concat(Stream.of(
                "--role", "ingest",
                "--upstream-url", sim.advancedTradeUri().toString(),
                "--rest-url", sim.restBaseUri().toString(),
                "--catalog-cache-file", dir.resolve(name + "-catalog.json").toString(),
                "--top-n", String.valueOf(PRODUCTS), "--products-per-connection", "3"), Arrays.stream(extra)));
    }

    Daemon fanout(String name, String... extra) {
        return start(name, Stream.concat(Stream.of("--role", "fanout"), Arrays.stream(extra)));
    }

    private Daemon start(String name, Stream<String> args) {
        String[] all = Stream.concat(Stream.of("--listen-port", "0", "--nats-url", natsUrls, "--node-name", name),
                args).toArray(String[]::new);
        Daemon daemon = Daemon.start(SettingsLoader.load(all, Map.of()));
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
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }
}
