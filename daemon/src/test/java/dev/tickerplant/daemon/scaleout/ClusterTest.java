package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.nats.NatsCluster;
import dev.tickerplant.testing.nats.NatsServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-server JetStream cluster with the stream on three replicas: one server dies mid-run (the one the ingest node
 * talks to), and ingest keeps publishing, the fanout node keeps serving, the subscriber loses nothing.
 */
@EndToEnd
class ClusterTest {
    @TempDir
    Path dir;

    @Test
    void oneServerOfTheClusterDiesAndNothingIsLost() {
        try (NatsCluster cluster = NatsCluster.start(3);
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(200).withSeed(13));
             ScaleOutRig rig = new ScaleOutRig(sim, cluster.clientUrls(), dir)) {
            cluster.awaitReady();
            Daemon fanout = rig.fanout("fanout-1", "--nats-replicas", "3");
            Daemon ingest = rig.ingest("ingest-1", "--nats-replicas", "3");
            ScaleOutRig.awaitStreaming(ingest);
            Set<String> products = new HashSet<>(ingest.plan().shards().stream()
                    .flatMap(s -> s.productIds().stream()).toList());
            try (TickCollector subscriber = TickCollector.subscribe(fanout.fanout().port(), null)) {
                subscriber.awaitSeq(200, Duration.ofSeconds(30));

                NatsServerProcess victim = cluster.servers().stream()
                        .filter(s -> s.clientUrl().equals(ingest.busFigures().server())).findFirst()
                        .orElseThrow(() -> new AssertionError("ingest talks to " + ingest.busFigures().server()
                                + ", none of " + cluster.clientUrls()));
                long storedBefore = ingest.busFigures().stored();
                victim.kill();

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(
                        ingest.busFigures().connected() && !ingest.busFigures().server().equals(victim.clientUrl())
                                && ingest.busFigures().stored() > storedBefore + 300,
                        () -> "ingest after the kill: " + ingest.busFigures()));
                subscriber.awaitSeq(subscriber.lastSeq() + 300, Duration.ofSeconds(30));

                sim.pauseTicks();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(),
                        rig.missing(products, subscriber.received()), "emitted ticks the subscriber never got"));
                assertEquals(List.of(), ScaleOutRig.duplicates(subscriber.received()));
                assertEquals(List.of(), ScaleOutRig.gaps(subscriber.received()));
            }
        }
    }
}
