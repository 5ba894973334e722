package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.health.BusFigures;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.nats.NatsServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingest nodes following the same products publish every tick twice; the stream keeps one copy by message id, and
 * when one node dies (SIGKILL of its JVM, as a host that fails: nothing drained or said) the other carries on: the
 * subscriber neither misses nor repeats a tick.
 */
@EndToEnd
class IngestRedundancyTest {
    @TempDir
    Path dir;

    @Test
    void twoIngestNodesStoreEachTickOnceAndEitherCanDie() {
        try (NatsServerProcess nats = NatsServerProcess.start("redundancy");
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(200).withSeed(7));
             ScaleOutRig rig = new ScaleOutRig(sim, nats.clientUrl(), dir)) {
            Daemon fanout = rig.fanout("fanout-1");
            try (TickCollector subscriber = TickCollector.subscribe(fanout.fanout().port(), null)) {
                NodeProcess a = rig.ingestProcess("ingest-a");
                Daemon b = rig.ingest("ingest-b");
                ScaleOutRig.awaitStreaming(b);
                Set<String> products = ScaleOutRig.products(b);

                // Both publish the same ticks: the stream tells them apart by message id and keeps one of each. The
                // ticks b's publishes found already stored are a's; those it stored itself, a's duplicates.
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    BusFigures fb = b.busFigures();
                    assertTrue(a.isAlive(), () -> a + " exited:\n" + a.logTail(30));
                    assertTrue(fb.duplicates() > 100 && fb.stored() > 0, () -> "b " + fb + "\na:\n" + a.logTail(5));
                });
                ScaleOutRig.awaitHealth(fanout.fanout().port(), 200, "\"ingest_nodes\":2");
                long before = subscriber.lastSeq();
                long storedByB = b.busFigures().stored();
                a.kill();
                subscriber.awaitSeq(before + 300, Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(
                        b.busFigures().stored() > storedByB + 300, () -> "b carries on alone: " + b.busFigures()));

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
