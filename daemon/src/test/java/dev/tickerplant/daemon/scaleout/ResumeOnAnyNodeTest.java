package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fanout node numbers a tick with its stream sequence, so a subscriber whose node dies (SIGKILL of its JVM: the
 * connection just ends, no close frame) resumes on another node with {@code since_seq} and gets exactly what it missed:
 * no gap, no duplicate.
 */
@EndToEnd
class ResumeOnAnyNodeTest {
    @TempDir
    Path dir;

    @Test
    void aSubscriberMovedToAnotherFanoutNodeGetsExactlyTheTicksItMissed() {
        try (NatsServerProcess nats = NatsServerProcess.start("resume");
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(200).withSeed(11));
             ScaleOutRig rig = new ScaleOutRig(sim, nats.clientUrl(), dir)) {
            NodeProcess node1 = rig.fanoutProcess("fanout-1");
            Daemon node2 = rig.fanout("fanout-2");
            int port1 = node1.fanoutPort();
            ScaleOutRig.awaitHealth(port1, 200, "\"caught_up\":true");
            Daemon ingest = rig.ingest("ingest-1");
            ScaleOutRig.awaitStreaming(ingest);

            List<TickCollector.Received> seen = new ArrayList<>();
            try (TickCollector first = TickCollector.subscribe(port1, null)) {
                first.awaitSeq(first.received().isEmpty() ? 200 : first.received().get(0).seq() + 200,
                        Duration.ofSeconds(30));
                node1.kill();
                await().atMost(Duration.ofSeconds(10)).until(() -> !first.ended().isEmpty());
                seen.addAll(first.received());
            }
            long resumeAfter = seen.get(seen.size() - 1).seq();
            try (TickCollector second = TickCollector.subscribe(node2.fanout().port(), resumeAfter)) {
                second.awaitSeq(resumeAfter + 200, Duration.ofSeconds(30));
                List<TickCollector.Received> resumed = second.received();
                assertEquals(resumeAfter + 1, resumed.get(0).seq(), "the first tick after the one last seen");
                seen.addAll(resumed);
            }

            assertEquals(List.of(), ScaleOutRig.gaps(seen), "seqs across both nodes follow each other");
            assertEquals(List.of(), ScaleOutRig.duplicates(seen), "no tick twice");
            HttpResponse<String> health = Http.get(node2.fanout().port(), "/health");
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"role\":\"fanout\""), health.body());
            assertTrue(health.body().contains("\"caught_up\":true"), health.body());
        }
    }
}
