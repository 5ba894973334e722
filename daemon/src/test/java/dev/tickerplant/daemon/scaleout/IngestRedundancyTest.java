package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.health.BusFigures;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.nats.NatsServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingest nodes following the same products publish every tick twice; the stream keeps one copy by message id, and
 * when one node goes away the other carries on: the subscriber neither misses nor repeats a tick.
 */
class IngestRedundancyTest {
    @TempDir
    Path dir;

    @Test
    void twoIngestNodesStoreEachTickOnceAndEitherCanGoAway() {
        try (NatsServerProcess nats = NatsServerProcess.start("redundancy");
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(200).withSeed(7));
             ScaleOutRig rig = new ScaleOutRig(sim, nats.clientUrl(), dir)) {
            Daemon fanout = rig.fanout("fanout-1");
            try (TickCollector subscriber = TickCollector.subscribe(fanout.fanout().port(), null)) {
                Daemon a = rig.ingest("ingest-a");
                Daemon b = rig.ingest("ingest-b");
                ScaleOutRig.awaitStreaming(a);
                ScaleOutRig.awaitStreaming(b);
                Set<String> products = new HashSet<>(a.plan().shards().stream()
                        .flatMap(s -> s.productIds().stream()).toList());
                assertEquals(products, new HashSet<>(b.plan().shards().stream()
                        .flatMap(s -> s.productIds().stream()).toList()), "both follow the same products");

                // Both publish the same ticks: the stream tells them apart by message id and keeps one of each.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    BusFigures fa = a.busFigures();
                    BusFigures fb = b.busFigures();
                    assertTrue(fa.duplicates() + fb.duplicates() > 100 && fa.stored() > 0 && fb.stored() > 0,
                            () -> "a " + fa + "\nb " + fb);
                });
                long before = subscriber.lastSeq();
                rig.stop(a);
                subscriber.awaitSeq(before + 300, Duration.ofSeconds(30));

                sim.pauseTicks();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(),
                        rig.missing(products, subscriber.received()), "emitted ticks the subscriber never got"));
                List<TickCollector.Received> received = subscriber.received();
                assertEquals(List.of(), ScaleOutRig.duplicates(received), "a tick delivered twice");
                assertEquals(List.of(), ScaleOutRig.gaps(received), "stream seqs follow each other");
            }
        }
    }
}
