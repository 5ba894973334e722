package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.nats.NatsServerProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bus goes away and comes back: what each node reports meanwhile, and what the subscriber gets in the end. */
@EndToEnd
class BusOutageTest {
    private static final Pattern DROPPED = Pattern.compile("^tickerplant_bus_dropped_total (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void ticksHeldThroughAnOutageReachTheSubscriberAndEachNodeSaysWhatIsWrongMeanwhile() {
        try (NatsServerProcess nats = NatsServerProcess.start("outage");
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(200).withSeed(5));
             ScaleOutRig rig = new ScaleOutRig(sim, nats.clientUrl(), dir)) {
            Daemon fanout = rig.fanout("fanout-1", "--nats-unreachable-threshold", "1s");
            Daemon ingest = rig.ingest("ingest-1");
            ScaleOutRig.awaitStreaming(ingest);
            Set<String> products = new HashSet<>(ingest.plan().shards().stream()
                    .flatMap(s -> s.productIds().stream()).toList());
            try (TickCollector subscriber = TickCollector.subscribe(fanout.fanout().port(), null)) {
                subscriber.awaitSeq(100, Duration.ofSeconds(30));
                awaitHealth(fanout.fanout().port(), 200, "\"status\":\"ready\"");
                awaitHealth(ingest.httpPort(), 200, "\"status\":\"ready\"");

                nats.stop();
                // The ingest node holds its ticks and says it is degraded; the fanout node is down past the threshold.
                awaitHealth(ingest.httpPort(), 503, "\"status\":\"degraded\"");
                await().atMost(Duration.ofSeconds(20)).until(() -> ingest.busFigures().buffered() > 50);
                HttpResponse<String> down = awaitHealth(fanout.fanout().port(), 503, "\"status\":\"down\"");
                assertTrue(down.body().contains("\"connected\":false"), down.body());

                nats.restart();
                awaitHealth(fanout.fanout().port(), 200, "\"status\":\"ready\"");
                long seqAfterOutage = subscriber.lastSeq();
                subscriber.awaitSeq(seqAfterOutage + 200, Duration.ofSeconds(30));

                sim.pauseTicks();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(),
                        rig.missing(products, subscriber.received()), "emitted ticks the subscriber never got"));
                assertEquals(List.of(), ScaleOutRig.duplicates(subscriber.received()));
                assertEquals(List.of(), ScaleOutRig.gaps(subscriber.received()));
                assertEquals(0, ingest.busFigures().dropped());
            }
        }
    }

    @Test
    void beyondThePublishBufferTicksAreCountedAsDroppedAtTheBus() {
        try (NatsServerProcess nats = NatsServerProcess.start("dropping");
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(200).withSeed(9));
             ScaleOutRig rig = new ScaleOutRig(sim, nats.clientUrl(), dir)) {
            Daemon ingest = rig.ingest("ingest-1", "--nats-publish-buffer", "20");
            ScaleOutRig.awaitStreaming(ingest);
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.busFigures().stored() > 0);

            nats.stop();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Matcher m = DROPPED.matcher(Http.get(ingest.httpPort(), "/metrics").body());
                assertTrue(m.find() && Double.parseDouble(m.group(1)) > 0, "no drops counted yet");
            });
            // Held ticks include those whose publish failed with the connection: they wait for a retry within the bound.
            assertTrue(ingest.busFigures().buffered() <= 20, "the buffer holds at most its bound");
            assertFalse(ingest.busFigures().connected());

            nats.restart();
            long stored = ingest.busFigures().stored();
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.busFigures().stored() > stored + 100);
        }
    }

    private static HttpResponse<String> awaitHealth(int port, int status, String containing) {
        HttpResponse<String>[] last = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            last[0] = Http.get(port, "/health");
            assertTrue(last[0].statusCode() == status && last[0].body().contains(containing),
                    () -> last[0].statusCode() + " " + last[0].body());
        });
        return last[0];
    }
}
