package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.nats.NatsServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.tickerplant.testing.Matches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bus family docs/health.md names is on the /metrics page of an ingest node or of a fanout node. */
class BusMetricsTest {
    private static final Pattern DOCUMENTED = Pattern.compile("tickerplant_bus_[a-z0-9_]*[a-z0-9]");
    private static final Pattern SAMPLE = Pattern.compile("^(tickerplant_bus_[a-z0-9_]+) (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void theDocumentedBusFamiliesAreOnTheNodesPages() throws Exception {
        Set<String> documented = Matches.all(DOCUMENTED, Files.readString(Path.of("..", "docs", "health.md")));
        assertTrue(documented.size() >= 10, "docs/health.md lists the bus families: " + documented);
        try (NatsServerProcess nats = NatsServerProcess.start("metrics");
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(100));
             ScaleOutRig rig = new ScaleOutRig(sim, nats.clientUrl(), dir)) {
            Daemon fanout = rig.fanout("fanout-1");
            Daemon ingest = rig.ingest("ingest-1");
            await().atMost(Duration.ofSeconds(30)).until(() -> fanout.busFigures().delivered() > 50);

            String ingestPage = Http.get(ingest.httpPort(), "/metrics").body();
            String fanoutPage = Http.get(fanout.fanout().port(), "/metrics").body();
            Set<String> onPages = Matches.all(SAMPLE, ingestPage);
            onPages.addAll(Matches.all(SAMPLE, fanoutPage));
            assertEquals(documented, onPages, "ingest:\n" + ingestPage + "\nfanout:\n" + fanoutPage);
            assertTrue(ingestPage.contains("tickerplant_bus_connected 1"), ingestPage);
            Matcher delivered = Pattern.compile("^tickerplant_bus_delivered_total (\\S+)$", Pattern.MULTILINE)
                    .matcher(fanoutPage);
            assertTrue(delivered.find() && Double.parseDouble(delivered.group(1)) > 50, fanoutPage);
        }
    }
}
